package io.learnloop.spring;

import io.learnloop.community.CommunityEvent;
import io.learnloop.community.CommunityEventKind;
import io.learnloop.community.DiscourseWebhooks;
import io.learnloop.spring.autoconfigure.LearnloopAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopWebhooksAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.function.RouterFunction;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

class DiscourseWebhookTest {
    private static final String SECRET = "webhook-secret-0123456789";
    private static final byte[] POST_CREATED = ("{\"post\":{\"id\":1001,\"name\":null,\"username\":\"bob\","
            + "\"created_at\":\"2026-03-01T10:00:00.000Z\",\"raw\":\"Think of it as read-only\",\"post_number\":2,"
            + "\"topic_id\":100,\"topic_slug\":\"how-do-generics-work\",\"topic_title\":\"How do generics work?\","
            + "\"category_id\":7,\"hidden\":false,\"deleted_at\":null}}").getBytes(StandardCharsets.UTF_8);

    private final List<CommunityEvent> received = new CopyOnWriteArrayList<>();

    private WebApplicationContextRunner runner() {
        DataSource ds = TestShop.h2();
        ApplicationListener<PayloadApplicationEvent<CommunityEvent>> listener = e -> received.add(e.getPayload());
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LearnloopAutoConfiguration.class, LearnloopWebhooksAutoConfiguration.class))
                .withBean(DataSource.class, () -> ds)
                .withBean("communityListener", ApplicationListener.class, () -> listener)
                .withPropertyValues("learnloop.community.discourse.webhook-secret=" + SECRET,
                        "learnloop.webhooks.discourse=/forum/hooks");
    }

    private static MockHttpServletRequestBuilder delivery(String eventId, String signature) {
        return post("/forum/hooks").content(POST_CREATED).contentType("application/json")
                .header("X-Discourse-Instance", "https://forum.example.com").header("X-Discourse-Event-Id", eventId)
                .header("X-Discourse-Event-Type", "post").header("X-Discourse-Event", "post_created")
                .header("X-Discourse-Event-Signature", signature);
    }

    @Test
    void discourseEndpoint_whenSignedDelivery_answers200AndPublishesTheEventOnce() {
        runner().run(context -> {
            MockMvc mvc = MockMvcBuilders.routerFunctions(context.getBeansOfType(RouterFunction.class).values()
                    .toArray(RouterFunction[]::new)).build();
            String signature = DiscourseWebhooks.signature(SECRET, POST_CREATED);

            int first = mvc.perform(delivery("42", signature)).andReturn().getResponse().getStatus();
            int retry = mvc.perform(delivery("43", signature)).andReturn().getResponse().getStatus();

            assertThat(first).isEqualTo(200);
            assertThat(retry).isEqualTo(200);
            assertThat(received).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(CommunityEventKind.POST_CREATED);
                assertThat(e.postId()).isEqualTo("1001");
            });
        });
    }

    @Test
    void discourseEndpoint_whenSignatureWrong_answers401AndPublishesNothing() {
        runner().run(context -> {
            MockMvc mvc = MockMvcBuilders.routerFunctions(context.getBeansOfType(RouterFunction.class).values()
                    .toArray(RouterFunction[]::new)).build();

            int status = mvc.perform(delivery("44", DiscourseWebhooks.signature("another-secret-123", POST_CREATED)))
                    .andReturn().getResponse().getStatus();

            assertThat(status).isEqualTo(401);
            assertThat(received).isEmpty();
        });
    }
}
