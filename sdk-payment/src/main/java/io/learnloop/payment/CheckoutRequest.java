package io.learnloop.payment;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.payment.internal.checkout.PayerFields;

/**
 * Asks {@link Payments#checkout} to take payment for an order.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param order       the order (CREATED or AWAITING_PAYMENT)
 * @param provider    the provider to pay with
 * @param flow        how the payer pays
 * @param description what the payer sees, at most 127 characters
 * @param returnUrl   where a redirect flow returns (required for {@link PaymentFlow#WAP}), or null
 * @param cancelUrl   where a cancelled Stripe Checkout returns, or where a payer who leaves Alipay's WAP cashier
 *                    returns ({@code quit_url}); null for {@code returnUrl}
 * @param payerId     the payer's provider id: the WeChat openid, required for {@link PaymentFlow#JSAPI} (under the
 *                    official account) and {@link PaymentFlow#MINI_PROGRAM} (under the mini-program); else null
 * @param payerClientIp the IPv4 or IPv6 address of the payer's device as the host saw it, required for
 *                    {@link PaymentFlow#H5} (WeChat Pay's {@code payer_client_ip}); else null
 * @param h5Scene     where an {@link PaymentFlow#H5} payment starts (WeChat Pay's {@code scene_info.h5_info}), or
 *                    null for a mobile web site ({@code Wap}) with no name or URL
 */
public record CheckoutRequest(OrderId order, ProviderId provider, PaymentFlow flow, String description,
                              String returnUrl, String cancelUrl, String payerId, String payerClientIp,
                              H5Scene h5Scene) {
    /**
     * Validates the request.
     *
     * @param order       the order
     * @param provider    the provider
     * @param flow        the flow
     * @param description the description
     * @param returnUrl   the return URL or null
     * @param cancelUrl   the cancel URL or null
     * @param payerId     the payer id or null
     * @param payerClientIp the payer's client IP or null
     * @param h5Scene     the H5 scene or null
     * @throws ValidationException naming every bad field; a payer field the flow needs and lacks is named by
     *                             {@link Payments#checkout} before anything is written
     */
    public CheckoutRequest {
        Validator v = new Validator().notNull("order", order).notNull("provider", provider).notNull("flow", flow)
                .notBlank("description", description, 127);
        PayerFields.format(v, payerId, payerClientIp);
        v.check(h5Scene == null || flow == null || flow == PaymentFlow.H5, "h5Scene",
                "is for H5 payments only (the flow is " + flow + ")");
        v.throwIfInvalid();
    }

    /**
     * A request without an H5 scene.
     *
     * @param order         the order
     * @param provider      the provider
     * @param flow          the flow
     * @param description   the description
     * @param returnUrl     the return URL or null
     * @param cancelUrl     the cancel URL or null
     * @param payerId       the payer id or null
     * @param payerClientIp the payer's client IP or null
     */
    public CheckoutRequest(OrderId order, ProviderId provider, PaymentFlow flow, String description, String returnUrl,
                           String cancelUrl, String payerId, String payerClientIp) {
        this(order, provider, flow, description, returnUrl, cancelUrl, payerId, payerClientIp, null);
    }

    /**
     * This request with where its {@link PaymentFlow#H5} payment starts: a mobile site, or a page in an iOS or
     * Android app ({@link H5Scene#ios}, {@link H5Scene#android}).
     *
     * @param scene the scene
     * @return a new request
     */
    public CheckoutRequest withH5Scene(H5Scene scene) {
        return new CheckoutRequest(order, provider, flow, description, returnUrl, cancelUrl, payerId, payerClientIp,
                scene);
    }

    /**
     * This request with the payer's openid, for {@link PaymentFlow#JSAPI} and {@link PaymentFlow#MINI_PROGRAM}.
     *
     * @param openid the payer's openid under the appid of the flow
     * @return a new request
     * @throws ValidationException if it is too long
     */
    public CheckoutRequest withPayerId(String openid) {
        return new CheckoutRequest(order, provider, flow, description, returnUrl, cancelUrl, openid, payerClientIp, h5Scene);
    }

    /**
     * This request with the page the payer's browser returns to after paying, for {@link PaymentFlow#REDIRECT} and
     * {@link PaymentFlow#WAP}.
     *
     * @param url the http(s) URL
     * @return a new request
     */
    public CheckoutRequest withReturnUrl(String url) {
        return new CheckoutRequest(order, provider, flow, description, url, cancelUrl, payerId, payerClientIp,
                h5Scene);
    }

    /**
     * This request with the page the payer returns to after cancelling (Stripe Checkout) or leaving Alipay's WAP
     * cashier ({@code quit_url}); without one, the return URL serves.
     *
     * @param url the http(s) URL
     * @return a new request
     */
    public CheckoutRequest withCancelUrl(String url) {
        return new CheckoutRequest(order, provider, flow, description, returnUrl, url, payerId, payerClientIp,
                h5Scene);
    }

    /**
     * This request with the payer's client IP, for {@link PaymentFlow#H5}.
     *
     * @param ip the IPv4 or IPv6 address of the payer's device
     * @return a new request
     * @throws ValidationException if it is not an IP address
     */
    public CheckoutRequest withPayerClientIp(String ip) {
        return new CheckoutRequest(order, provider, flow, description, returnUrl, cancelUrl, payerId, ip, h5Scene);
    }

    /**
     * A request with only the required fields; add the payer fields a flow needs with {@link #withPayerId(String)}
     * or {@link #withPayerClientIp(String)}.
     *
     * @param order       the order
     * @param provider    the provider
     * @param flow        the flow
     * @param description the description
     * @return the request
     */
    public static CheckoutRequest of(OrderId order, ProviderId provider, PaymentFlow flow, String description) {
        return new CheckoutRequest(order, provider, flow, description, null, null, null, null, null);
    }
}
