package io.learnloop.rest.internal;

import io.learnloop.payment.AlipayAppOrder;
import io.learnloop.payment.AlipayPageForm;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.ProviderId;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checkout answer carries every provider's front-end parameters, Alipay's included. */
class CheckoutViewTest {
    @Test
    void of_whenAlipayPagePay_carriesTheFormActionAndFields() {
        AlipayPageForm form = new AlipayPageForm("https://openapi.alipay.com/gateway.do?sign=abc",
                Map.of("biz_content", "{\"out_trade_no\":\"r-1\"}"));
        PaymentSession s = new PaymentSession(ProviderId.ALIPAY, "r-1", null, PaymentFlow.WAP,
                "https://openapi.alipay.com/gateway.do?sign=abc&biz_content=x", null, null, form);

        Views.Checkout c = Views.Checkout.of(s);

        assertThat(c.alipayForm().action()).isEqualTo(form.action());
        assertThat(c.alipayForm().fields()).containsEntry("biz_content", "{\"out_trade_no\":\"r-1\"}");
        assertThat(c.alipayOrderString()).isNull();
        assertThat(c.wechatPay()).isNull();
    }

    @Test
    void of_whenAlipayAppPay_carriesTheOrderString() {
        PaymentSession s = new PaymentSession(ProviderId.ALIPAY, "r-2", null, PaymentFlow.APP, null, null, null,
                new AlipayAppOrder("app_id=1&biz_content=x&sign=y"));

        Views.Checkout c = Views.Checkout.of(s);

        assertThat(c.alipayOrderString()).isEqualTo("app_id=1&biz_content=x&sign=y");
        assertThat(c.alipayForm()).isNull();
        assertThat(c.wechatPay()).isNull();
    }
}
