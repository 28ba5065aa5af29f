package dev.sluice.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandlerNameTest {

    @Test
    void aPackageClassAndMethodAreSplitAtTheDoubleColon() {
        HandlerName name = HandlerName.parse("handler", "example.TodoHandler::handleRequest");

        assertThat(name.className()).isEqualTo("example.TodoHandler");
        assertThat(name.method()).isEqualTo("handleRequest");
        assertThat(name).hasToString("example.TodoHandler::handleRequest");
    }

    @Test
    void aClassInTheDefaultPackageIsAccepted() {
        assertThat(HandlerName.parse("handler", "App::handleRequest"))
                .isEqualTo(new HandlerName("App", "handleRequest"));
    }

    @Test
    void aNestedClassIsNamedByItsBinaryName() {
        assertThat(HandlerName.parse("handler", "com.example.fn.Outer$Inner::handle_2"))
                .isEqualTo(new HandlerName("com.example.fn.Outer$Inner", "handle_2"));
    }

    @Test
    void spacesAroundEitherPartAreIgnored() {
        assertThat(HandlerName.parse("initializer", " example.App :: initialize "))
                .isEqualTo(new HandlerName("example.App", "initialize"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "example.App",
                "example.App::",
                "::handleRequest",
                "example.App:handleRequest",
                "example.App#handleRequest",
                "example.App.handleRequest",
                "example.App::handle::Request",
                "example.App::handleRequest()",
                "example.App::handle-request",
                "example.App::handle request",
                "example..App::handleRequest",
                ".example.App::handleRequest",
                "example.App.::handleRequest",
                "example/App::handleRequest",
                "1example.App::handleRequest",
                "example. App::handleRequest",
                "index.handler"
            })
    void aMalformedNameIsRejectedNamingWhatAndTheExpectedForm(String value) {
        assertThatThrownBy(() -> HandlerName.parse("initializer", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initializer: \"" + value + "\" is not a method reference"
                        + " (expected: package.Class::method, e.g. example.App::handleRequest)");
    }

    @Test
    void theMessageNamesWhichSettingWasMalformed() {
        assertThatThrownBy(() -> HandlerName.parse("handler", "index.handler"))
                .hasMessageStartingWith("handler: \"index.handler\" ");
    }
}
