package dev.sluice.gateway.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.setup.EngineFacts.Os;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class EngineDeciderTest {
    /** A Debian machine as root with nothing installed and nothing running: change one fact per test. */
    private static Facts debianRoot() {
        return new Facts();
    }

    @Test
    void anEngineThatAnswersIsUsedWhateverElseIsTrue() {
        assertThat(EngineDecider.decide(debianRoot().answers().facts())).isEqualTo(new EngineStep.Use());
        assertThat(EngineDecider.decide(
                        debianRoot().answers().notRoot().setupOff().os(Os.MAC).facts()))
                .isEqualTo(new EngineStep.Use());
    }

    @Test
    void anInstalledEngineThatDoesNotRunIsStartedAsRoot() {
        assertThat(EngineDecider.decide(debianRoot().dockerd().facts())).isEqualTo(new EngineStep.Start(false, false));
    }

    @Test
    void anInstalledEngineIsStartedThroughSystemdWhereSystemdHasTheUnit() {
        assertThat(EngineDecider.decide(debianRoot().dockerd().systemd().facts()))
                .isEqualTo(new EngineStep.Start(true, false));
    }

    @Test
    void anInstalledEngineIsStartedWithSudoWhenSudoNeedsNoPassword() {
        assertThat(EngineDecider.decide(debianRoot().dockerd().notRoot().sudo().facts()))
                .isEqualTo(new EngineStep.Start(false, true));
    }

    @Test
    void aDockerdThatRunsButDoesNotAnswerYetIsWaitedFor() {
        assertThat(EngineDecider.decide(debianRoot().dockerd().running().facts()))
                .isEqualTo(new EngineStep.Wait());
    }

    @Test
    void noEngineOnDebianAsRootIsInstalled() {
        assertThat(EngineDecider.decide(debianRoot().facts())).isEqualTo(new EngineStep.Install(false));
    }

    @Test
    void noEngineAndNotRootGivesUpWithTheAptCommandUnderSudo() {
        EngineStep step = EngineDecider.decide(debianRoot().notRoot().sudo().facts());

        assertThat(step).isInstanceOf(EngineStep.GiveUp.class);
        EngineStep.GiveUp giveUp = (EngineStep.GiveUp) step;
        assertThat(giveUp.why()).isEqualTo("no Docker engine is installed");
        assertThat(giveUp.command()).startsWith("sudo apt-get install docker.io");
    }

    @Test
    void anInstalledEngineWithoutRootGivesUpNamingHowToStartIt() {
        assertThat(EngineDecider.decide(debianRoot().dockerd().notRoot().facts()))
                .isEqualTo(new EngineStep.GiveUp(
                        "the Docker engine is installed but not running, and starting it needs root",
                        "sudo dockerd &"));
        assertThat(EngineDecider.decide(
                                debianRoot().dockerd().systemd().notRoot().facts())
                        .toString())
                .contains("sudo systemctl start docker");
    }

    @Test
    void macAndWindowsGiveUpNamingDockerDesktop() {
        assertThat(giveUpCommand(debianRoot().os(Os.MAC))).startsWith("open -a Docker");
        assertThat(giveUpCommand(debianRoot().os(Os.WINDOWS))).startsWith("start Docker Desktop");
    }

    @Test
    void withoutAptNothingIsInstalled() {
        assertThat(giveUpCommand(debianRoot().noApt())).contains("package manager");
    }

    @Test
    void setupTurnedOffOnlyUsesAnEngineThatAnswers() {
        EngineStep step = EngineDecider.decide(debianRoot().dockerd().setupOff().facts());

        assertThat(step)
                .isEqualTo(
                        new EngineStep.GiveUp("no Docker engine answers (engine set-up is turned off)", "dockerd &"));
        assertThat(EngineDecider.decide(debianRoot().setupOff().facts()).toString())
                .contains("apt-get install docker.io");
    }

    @Test
    void aDockerHostThatDoesNotAnswerIsTheOnlyEngineTried() {
        EngineStep step = EngineDecider.decide(
                debianRoot().dockerd().dockerHost("tcp://127.0.0.1:2375").facts());

        assertThat(step)
                .isEqualTo(new EngineStep.GiveUp(
                        "DOCKER_HOST=tcp://127.0.0.1:2375 does not answer",
                        "start the engine it names, or unset DOCKER_HOST to use this machine's"));
    }

    @Test
    void theGiveUpMessageListsWhatWasTriedAndTheOneCommand() {
        String message = EngineSetup.giveUpMessage(
                java.util.List.of("unix:///var/run/docker.sock: no such socket"),
                new EngineStep.GiveUp("no Docker engine is installed", "sudo apt-get install docker.io"));

        assertThat(message)
                .isEqualTo(
                        """
                        no Docker engine reachable, so functions cannot run.
                          tried unix:///var/run/docker.sock: no such socket
                        no Docker engine is installed. What to do:
                          sudo apt-get install docker.io""");
    }

    @Test
    void osNamesAreRecognised() {
        assertThat(Os.of("Linux")).isEqualTo(Os.LINUX);
        assertThat(Os.of("Mac OS X")).isEqualTo(Os.MAC);
        assertThat(Os.of("Windows 11")).isEqualTo(Os.WINDOWS);
        assertThat(Os.of("FreeBSD")).isEqualTo(Os.OTHER);
    }

    @Test
    void settingUpIsAllowedUnlessTheEnvironmentSaysNo() {
        assertThat(EngineSetup.allowedBy(java.util.Map.of())).isTrue();
        assertThat(EngineSetup.allowedBy(java.util.Map.of("SLUICE_ENGINE_SETUP", "1")))
                .isTrue();
        assertThat(EngineSetup.allowedBy(java.util.Map.of("SLUICE_ENGINE_SETUP", "0")))
                .isFalse();
        assertThat(EngineSetup.allowedBy(java.util.Map.of("SLUICE_ENGINE_SETUP", "false")))
                .isFalse();
    }

    private static String giveUpCommand(Facts facts) {
        EngineStep step = EngineDecider.decide(facts.facts());
        assertThat(step).isInstanceOf(EngineStep.GiveUp.class);
        return ((EngineStep.GiveUp) step).command();
    }

    /** The facts of one test, built by changing a fresh Debian root machine. */
    private static final class Facts {
        private boolean answers;
        private @Nullable String dockerHost;
        private Os os = Os.LINUX;
        private boolean dockerd;
        private boolean running;
        private boolean systemd;
        private boolean root = true;
        private boolean sudo;
        private boolean apt = true;
        private boolean setup = true;

        Facts answers() {
            answers = true;
            return this;
        }

        Facts dockerHost(String host) {
            dockerHost = host;
            return this;
        }

        Facts os(Os value) {
            os = value;
            return this;
        }

        Facts dockerd() {
            dockerd = true;
            return this;
        }

        Facts running() {
            running = true;
            return this;
        }

        Facts systemd() {
            systemd = true;
            return this;
        }

        Facts notRoot() {
            root = false;
            return this;
        }

        Facts sudo() {
            sudo = true;
            return this;
        }

        Facts noApt() {
            apt = false;
            return this;
        }

        Facts setupOff() {
            setup = false;
            return this;
        }

        EngineFacts facts() {
            return new EngineFacts(answers, dockerHost, os, dockerd, running, systemd, root, sudo, apt, setup);
        }
    }
}
