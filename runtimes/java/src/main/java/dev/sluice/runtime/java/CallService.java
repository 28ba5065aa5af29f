package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.Service;

/** The service (FC's group of functions) a call belongs to. */
record CallService(String name, String logProject, String logStore, String qualifier, String versionId)
        implements Service {
    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getLogProject() {
        return logProject;
    }

    @Override
    public String getLogStore() {
        return logStore;
    }

    @Override
    public String getQualifier() {
        return qualifier;
    }

    @Override
    public String getVersionId() {
        return versionId;
    }
}
