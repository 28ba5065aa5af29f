package example.todo;

import static example.todo.Fixture.json;
import static example.todo.Fixture.parse;
import static example.todo.Fixture.withCookie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UserApiTest {
    private Fixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new Fixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private ApiResponse send(ApiRequest request) {
        return fixture.users.handle(request);
    }

    private ApiResponse register(String name, String password) {
        return send(
                json("POST", "/user/register", "{\"userName\": \"" + name + "\", \"password\": \"" + password + "\"}"));
    }

    private ApiResponse login(String name, String password) {
        return send(json(
                "POST",
                "/api/login/account",
                "{\"userName\": \"" + name + "\", \"password\": \"" + password + "\", \"type\": \"account\"}"));
    }

    /** Returns the token the login's Set-Cookie carries. */
    private static String tokenOf(ApiResponse login) {
        String cookie = login.header("Set-Cookie");
        return cookie.substring("jwtToken=".length(), cookie.indexOf(';'));
    }

    @Test
    void theVeryFirstUserRegistersAndLogsIn() throws Exception {
        assertThat(fixture.rows("users")).isZero();

        ApiResponse registered = register("alice", "secret1");
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.body()).isEqualTo(parse("{'status': 'ok', 'currentAuthority': 'alice'}"));

        ApiResponse login = login("alice", "secret1");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).isEqualTo(parse("{'status': 'ok', 'type': 'account', 'currentAuthority': 'admin'}"));
        assertThat(login.header("Set-Cookie"))
                .matches("jwtToken=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+;"
                        + " Path=/; HttpOnly; SameSite=Lax; Max-Age=3600");
        assertThat(fixture.tokens.verify(tokenOf(login)).orElseThrow().userName())
                .isEqualTo("alice");
    }

    @Test
    void loginTokenAllowsTodoWrites() {
        register("alice", "secret1");
        String token = tokenOf(login("alice", "secret1"));

        ApiResponse created = fixture.todos.handle(withCookie(json("POST", "/api/rule", "{\"name\": \"n\"}"), token));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().get("owner").asText()).isEqualTo("alice");
    }

    @Test
    void wrongPasswordOrUnknownUserIsAnErrorWithoutCookie() {
        register("alice", "secret1");

        for (ApiResponse failed : new ApiResponse[] {login("alice", "wrong-1"), login("bob", "secret1")}) {
            assertThat(failed.status()).isEqualTo(200);
            assertThat(failed.body())
                    .isEqualTo(parse("{'status': 'error', 'type': 'account', 'currentAuthority': 'guest'}"));
            assertThat(failed.headers()).doesNotContainKey("Set-Cookie");
        }
        ApiResponse noFields = send(json("POST", "/api/login/account", "{\"type\": \"mobile\"}"));
        assertThat(noFields.body().get("status").asText()).isEqualTo("error");
        assertThat(noFields.body().get("type").asText()).isEqualTo("mobile");
    }

    @Test
    void logoutClearsTheCookie() {
        ApiResponse response = send(ApiRequest.of("POST", "/api/login/outLogin"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(parse("{'success': true, 'data': {}}"));
        assertThat(response.header("Set-Cookie")).isEqualTo("jwtToken=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    }

    @Test
    void takenNameIs409AndStoresNothing() throws Exception {
        register("alice", "secret1");

        ApiResponse again = register("alice", "other-secret");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("status").asText()).isEqualTo("error");
        assertThat(again.body().get("message").asText()).contains("alice");
        assertThat(fixture.rows("users")).isEqualTo(1);
        assertThat(login("alice", "secret1").body().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void blankNameOrShortPasswordIs400() throws Exception {
        ApiResponse blank = register("  ", "secret1");
        ApiResponse shortPassword = register("bob", "12345");

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().get("message").asText()).startsWith("userName");
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.body().get("message").asText()).startsWith("password");
        assertThat(register("bob", "123456").status()).isEqualTo(200);
        assertThat(fixture.rows("users")).isEqualTo(1);
    }

    @Test
    void registersFromUrlEncodedForm() {
        ApiRequest form = ApiRequest.of("POST", "/user/register")
                .withBody("application/x-www-form-urlencoded", "userName=carol&password=s%26cret");

        assertThat(send(form).status()).isEqualTo(200);
        assertThat(login("carol", "s&cret").body().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void currentUserReturnsTheFullProfile() {
        register("alice", "secret1");
        String token = tokenOf(login("alice", "secret1"));

        ApiResponse response = send(withCookie(ApiRequest.of("GET", "/api/currentUser"), token));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("success").booleanValue()).isTrue();
        JsonNode profile = response.body().get("data");
        assertThat(profile.get("name").asText()).isEqualTo("alice");
        assertThat(profile.get("userid").asText())
                .isEqualTo(fixture.tokens.verify(token).orElseThrow().userId());
        assertThat(profile.fieldNames())
                .toIterable()
                .contains(
                        "name",
                        "avatar",
                        "userid",
                        "email",
                        "signature",
                        "title",
                        "group",
                        "tags",
                        "notifyCount",
                        "unreadCount",
                        "country",
                        "geographic",
                        "address",
                        "phone");
        assertThat(profile.get("tags").isArray()).isTrue();
        assertThat(profile.get("notifyCount").isNumber()).isTrue();
        assertThat(profile.at("/geographic/province").fieldNames()).toIterable().containsExactly("label", "key");
        assertThat(profile.at("/geographic/city").fieldNames()).toIterable().containsExactly("label", "key");
    }

    @Test
    void currentUserCarriesTheProfileAtTheTopLevelAsTheCoursesClientReadsIt() {
        register("alice", "secret1");
        String token = tokenOf(login("alice", "secret1"));

        JsonNode body = send(withCookie(ApiRequest.of("GET", "/api/currentUser"), token))
                .body();

        assertThat(body.get("name").asText()).isEqualTo("alice");
        assertThat(body.get("userid").asText())
                .isEqualTo(fixture.tokens.verify(token).orElseThrow().userId());
        assertThat(body.get("avatar").asText()).isNotEmpty();
        assertThat(body.at("/geographic/city").fieldNames()).toIterable().containsExactly("label", "key");
        JsonNode profileOnly = body.deepCopy();
        ((ObjectNode) profileOnly).remove(List.of("success", "data"));
        assertThat(profileOnly).as("the same profile under data").isEqualTo(body.get("data"));
    }

    @ParameterizedTest(name = "{0} token")
    @MethodSource("example.todo.BadTokens#kinds")
    void currentUserWithoutValidTokenIs401(String tokenKind) {
        register("alice", "secret1");
        String token = BadTokens.of(tokenKind, fixture);
        ApiRequest request = ApiRequest.of("GET", "/api/currentUser");

        ApiResponse response = send(token == null ? request : withCookie(request, token));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body())
                .isEqualTo(parse("{'success': false, 'data': {'isLogin': false}, 'errorCode': '401',"
                        + " 'errorMessage': 'Please log in'}"));
    }

    @Test
    void usersListNamesAndIdsButNeverHashes() {
        register("alice", "secret1");
        fixture.clock.advance(java.time.Duration.ofSeconds(1));
        register("bob", "secret2");

        ApiResponse response = send(ApiRequest.of("GET", "/api/users"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("success").booleanValue()).isTrue();
        JsonNode users = response.body().get("data");
        assertThat(users).hasSize(2);
        assertThat(users.get(0).get("name").asText()).isEqualTo("alice");
        assertThat(users.get(1).get("name").asText()).isEqualTo("bob");
        for (JsonNode user : users) {
            assertThat(user.fieldNames()).toIterable().containsExactly("userid", "name", "createdAt");
        }
        assertThat(Json.MAPPER.valueToTree(response.body()).toString()).doesNotContain("pbkdf2", "password");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() {
        assertThat(send(ApiRequest.of("GET", "/api/nothing")).status()).isEqualTo(404);
        ApiResponse getLogin = send(ApiRequest.of("GET", "/api/login/account"));
        assertThat(getLogin.status()).isEqualTo(405);
        assertThat(getLogin.header("Allow")).isEqualTo("POST");
        assertThat(send(ApiRequest.of("POST", "/api/users")).status()).isEqualTo(405);
    }
}
