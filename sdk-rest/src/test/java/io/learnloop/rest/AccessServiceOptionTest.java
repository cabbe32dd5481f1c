package io.learnloop.rest;

import io.learnloop.core.access.AccessService;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static io.learnloop.rest.ApiFixture.LENA;
import static org.assertj.core.api.Assertions.assertThat;

/** The API decides access with the access service it is given, so a host can observe every decision. */
class AccessServiceOptionTest {
    @Test
    void handle_whenBuiltWithAnAccessService_decidesLessonAccessWithIt() {
        ApiFixture f = new ApiFixture();
        List<String> calls = new ArrayList<>();
        AccessService facade = f.learnloop.access();
        AccessService recording = (AccessService) Proxy.newProxyInstance(AccessService.class.getClassLoader(),
                new Class<?>[]{AccessService.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(facade, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RestApi api = RestApi.builder(f.learnloop).access(recording).build();
        String paidLesson = f.java.published().chapters().get(0).lessons().get(1).id().value();

        RestResponse r = api.handle(RestRequest.of("POST", "/lessons/" + paidLesson + "/open", LENA));

        assertThat(r.status()).as(r.bodyText()).isEqualTo(403);
        assertThat(calls).containsExactly("decide");
    }
}
