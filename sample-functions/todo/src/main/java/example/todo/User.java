package example.todo;

import java.time.Instant;

/**
 * One registered user, a row of table {@code users}.
 *
 * @param id a random UUID, the tokens' subject
 * @param passwordHash as {@link Passwords} stores it; never leaves the function
 */
record User(String id, String name, String passwordHash, Instant createdAt) {
    @Override
    public String toString() {
        return "User[" + id + ", " + name + "]"; // without the hash, should one ever be logged
    }
}
