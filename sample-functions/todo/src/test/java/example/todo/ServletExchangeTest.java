package example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServletExchangeTest {
    @Test
    void readsMethodPathQueryHeadersCookiesAndBody() throws Exception {
        Map<String, List<String>> headers = Map.of(
                "Content-Type", List.of("application/json"),
                "Cookie", List.of("a=1", "jwtToken=\"abc\""),
                "X-Many", List.of("x", "y"));

        ApiRequest request = ServletExchange.read(
                FakeServlet.request("post", "/api/rule?current=2&pageSize=10&name=a%20b", headers, "{\"name\":\"n\"}"));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/rule");
        assertThat(request.queryParameter("current")).isEqualTo("2");
        assertThat(request.queryParameter("name")).isEqualTo("a b");
        assertThat(request.queryParameter("missing")).isNull();
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("x-many")).isEqualTo("x, y");
        assertThat(request.cookie("jwtToken")).isEqualTo("abc");
        assertThat(request.cookie("a")).isEqualTo("1");
        assertThat(Json.bodyOf(request).get("name").asText()).isEqualTo("n");
    }

    @Test
    void writesStatusHeadersAndJson() throws Exception {
        FakeServlet.Recorded recorded = new FakeServlet.Recorded();
        ApiResponse response = ApiResponse.failure(405, "no").withHeader("Allow", "GET");

        ServletExchange.write(response, FakeServlet.response(recorded));

        assertThat(recorded.status).isEqualTo(405);
        assertThat(recorded.headers).containsEntry("allow", List.of("GET"));
        assertThat(recorded.contentType).isEqualTo("application/json; charset=utf-8");
        assertThat(recorded.bodyText()).isEqualTo("{\"success\":false,\"message\":\"no\"}");
    }

    @Test
    void handlerThatWasNeverInitializedAnswers503() throws Exception {
        FakeServlet.Recorded recorded = new FakeServlet.Recorded();

        new TodoHandler()
                .handleRequest(
                        FakeServlet.request("GET", "/api/rule", Map.of(), ""), FakeServlet.response(recorded), null);

        assertThat(recorded.status).isEqualTo(503);
        assertThat(recorded.bodyText()).contains("\"success\":false", "not initialized");
    }

    @Test
    void userHandlerSetsTheCookieThroughTheServletResponse() throws Exception {
        try (Fixture fixture = new Fixture()) {
            UserHandler handler = new UserHandler();
            handler.start(fixture.env, fixture.clock, new Passwords(1_000));
            Map<String, List<String>> json = Map.of("Content-Type", List.of("application/json"));
            String credentials = "{\"userName\": \"ann\", \"password\": \"secret1\"}";
            handler.handleRequest(
                    FakeServlet.request("POST", "/user/register", json, credentials),
                    FakeServlet.response(new FakeServlet.Recorded()),
                    null);
            FakeServlet.Recorded login = new FakeServlet.Recorded();

            handler.handleRequest(
                    FakeServlet.request("POST", "/api/login/account", json, credentials),
                    FakeServlet.response(login),
                    null);

            assertThat(login.status).isEqualTo(200);
            assertThat(login.headers.get("set-cookie"))
                    .singleElement()
                    .asString()
                    .startsWith("jwtToken=ey");
        }
    }
}
