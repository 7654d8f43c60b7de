package io.keyward.workflows.dependencies;

/**
 * An application that uses a key, with who owns it and how to reach it when the key changes.
 *
 * @param application the application's name
 * @param owner the directory id of its application owner
 * @param contact an address or channel for notices (no credentials)
 */
public record KeyDependent(String application, String owner, String contact) {}
