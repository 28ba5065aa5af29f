package example.todo;

/**
 * Ends a request early with the response it should get, e.g. a 400 for a missing field. Thrown while reading a
 * request and caught where the request is dispatched, so parsing code needs no error plumbing.
 */
final class RejectedRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Not serializable, and never serialized: the exception lives for one request. */
    private final transient ApiResponse response;

    RejectedRequest(ApiResponse response) {
        super(response.status() + " " + response.body(), null, false, false);
        this.response = response;
    }

    /** Returns the 400 of the todo client's error shape, {@code {"success": false, "message": ...}}. */
    static RejectedRequest badRequest(String message) {
        return new RejectedRequest(ApiResponse.failure(400, message));
    }

    /** The response the request gets. */
    ApiResponse response() {
        return response;
    }
}
