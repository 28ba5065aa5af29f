package dev.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogFollowerTest {
    private final LogFollower follower = new LogFollower();

    @Test
    void everyLineOfAnInstanceSeenForTheFirstTimeIsNew() {
        assertThat(follower.newLines("hello-1", List.of("a", "b"))).containsExactly("a", "b");
    }

    @Test
    void onlyLinesAfterThoseSeenAreNewWhenTheWindowMoves() {
        follower.newLines("hello-1", List.of("a", "b", "c"));

        assertThat(follower.newLines("hello-1", List.of("b", "c", "d", "e"))).containsExactly("d", "e");
        assertThat(follower.newLines("hello-1", List.of("b", "c", "d", "e"))).isEmpty();
    }

    @Test
    void aLargerWindowAfterASmallOneStillPrintsOnlyWhatFollows() {
        follower.newLines("hello-1", List.of("c"));

        assertThat(follower.newLines("hello-1", List.of("a", "b", "c", "d"))).containsExactly("d");
    }

    @Test
    void whenNothingLinesUpTheWholeWindowIsNew() {
        follower.newLines("hello-1", List.of("a", "b"));

        assertThat(follower.newLines("hello-1", List.of("x", "y"))).containsExactly("x", "y");
    }

    @Test
    void instancesAreFollowedApart() {
        follower.newLines("hello-1", List.of("a"));

        assertThat(follower.newLines("hello-2", List.of("a"))).containsExactly("a");
        assertThat(follower.newLines("hello-1", List.of("a", "b"))).containsExactly("b");
    }

    @Test
    void aForgottenInstanceStartsOver() {
        follower.newLines("hello-1", List.of("a"));
        follower.retainOnly(List.of("hello-2"));

        assertThat(follower.newLines("hello-1", List.of("a"))).containsExactly("a");
    }
}
