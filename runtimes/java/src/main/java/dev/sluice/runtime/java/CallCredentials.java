package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.Credentials;
import org.jspecify.annotations.Nullable;

/** Credentials of one call; absent ones are null (not empty) so SDKs skip an STS token that is not there. */
record CallCredentials(@Nullable String accessKeyId, @Nullable String accessKeySecret, @Nullable String securityToken)
        implements Credentials {
    @Override
    public @Nullable String getAccessKeyId() {
        return accessKeyId;
    }

    @Override
    public @Nullable String getAccessKeySecret() {
        return accessKeySecret;
    }

    @Override
    public @Nullable String getSecurityToken() {
        return securityToken;
    }
}
