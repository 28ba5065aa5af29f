package dev.sluice.runtime.java;

import java.security.Principal;
import java.util.Collection;
import javax.servlet.AsyncContext;
import javax.servlet.DispatcherType;
import javax.servlet.RequestDispatcher;
import javax.servlet.ServletContext;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import javax.servlet.http.HttpUpgradeHandler;
import javax.servlet.http.Part;
import org.jspecify.annotations.Nullable;

/**
 * The part of {@link HttpServletRequest} that belongs to a servlet container, which an HTTP-trigger function does not
 * run in: sessions, async processing, request dispatching, login and multipart parts. Methods that can answer
 * truthfully do (no user is authenticated, no session was requested, async is not supported); the others throw an
 * {@link UnsupportedOperationException} that names the method, so a function ported from a web app learns at its
 * first call what to change, and that FC itself would not have offered it either.
 */
abstract class TriggerRequestBase implements HttpServletRequest {
    /** Returns the exception for {@code method}, a servlet-container {@code feature} this runtime does not offer. */
    static UnsupportedOperationException unsupported(String method, String feature) {
        return new UnsupportedOperationException(method + "() is not supported: an HTTP-trigger function runs"
                + " without a servlet container, and FC's Java runtime does not offer " + feature + " either");
    }

    @Override
    public @Nullable HttpSession getSession(boolean create) {
        if (create) {
            throw unsupported("HttpServletRequest.getSession", "sessions");
        }
        return null; // "no session, and do not create one": true, and what code that only peeks needs
    }

    @Override
    public HttpSession getSession() {
        throw unsupported("HttpServletRequest.getSession", "sessions");
    }

    @Override
    public String changeSessionId() {
        throw unsupported("HttpServletRequest.changeSessionId", "sessions");
    }

    @Override
    public @Nullable String getRequestedSessionId() {
        return null;
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return false;
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return false;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

    @Override
    @Deprecated // as in the interface, which still requires it
    @SuppressWarnings("InlineMeSuggester") // a servlet API method, not one of ours for callers to inline
    public boolean isRequestedSessionIdFromUrl() {
        return false;
    }

    @Override
    public @Nullable String getAuthType() {
        return null;
    }

    @Override
    public @Nullable String getRemoteUser() {
        return null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public @Nullable Principal getUserPrincipal() {
        return null;
    }

    @Override
    public boolean authenticate(HttpServletResponse response) {
        throw unsupported("HttpServletRequest.authenticate", "container authentication");
    }

    @Override
    public void login(String username, String password) {
        throw unsupported("HttpServletRequest.login", "container authentication");
    }

    @Override
    public void logout() {
        throw unsupported("HttpServletRequest.logout", "container authentication");
    }

    @Override
    public Collection<Part> getParts() {
        throw unsupported("HttpServletRequest.getParts", "multipart parsing (read getInputStream() instead)");
    }

    @Override
    public Part getPart(String name) {
        throw unsupported("HttpServletRequest.getPart", "multipart parsing (read getInputStream() instead)");
    }

    @Override
    public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) {
        throw unsupported("HttpServletRequest.upgrade", "protocol upgrades");
    }

    @Override
    public @Nullable String getPathTranslated() {
        return null; // no web application directory to translate the path into
    }

    @Override
    @Deprecated // as in the interface, which still requires it
    @SuppressWarnings("InlineMeSuggester") // a servlet API method, not one of ours for callers to inline
    public @Nullable String getRealPath(String path) {
        return null;
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        throw unsupported("ServletRequest.getRequestDispatcher", "request dispatching");
    }

    @Override
    public ServletContext getServletContext() {
        throw unsupported("ServletRequest.getServletContext", "a servlet context");
    }

    @Override
    public AsyncContext startAsync() {
        throw unsupported("ServletRequest.startAsync", "async processing");
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        throw unsupported("ServletRequest.startAsync", "async processing");
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public boolean isAsyncSupported() {
        return false;
    }

    @Override
    public AsyncContext getAsyncContext() {
        throw unsupported("ServletRequest.getAsyncContext", "async processing");
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }
}
