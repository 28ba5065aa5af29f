package example.todo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The profile {@code /api/currentUser} returns, with every field the course's client reads. Only the name and id are
 * known about a user; the rest keep the client's shape with empty values rather than invented facts.
 */
final class Profile {
    static final String AVATAR = "/avatar.svg";

    private Profile() {}

    /** Returns {@code user}'s profile object. */
    static ObjectNode of(User user) {
        ObjectNode profile = Json.object()
                .put("name", user.name())
                .put("avatar", AVATAR)
                .put("userid", user.id())
                .put("email", "")
                .put("signature", "")
                .put("title", "")
                .put("group", "");
        profile.putArray("tags"); // elements would be {"key", "label"}; no user has tags yet
        profile.put("notifyCount", 0).put("unreadCount", 0).put("country", "");
        ObjectNode geographic = profile.putObject("geographic");
        geographic.putObject("province").put("label", "").put("key", "");
        geographic.putObject("city").put("label", "").put("key", "");
        // "access" is what Ant Design Pro's access.ts checks; every logged-in user is "admin", as at login.
        return profile.put("address", "").put("phone", "").put("access", "admin");
    }
}
