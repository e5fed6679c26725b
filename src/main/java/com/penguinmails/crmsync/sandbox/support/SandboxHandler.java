package com.penguinmails.crmsync.sandbox.support;

/** Serves one route of a sandbox. Exceptions become the vendor's 500 response. */
@FunctionalInterface
public interface SandboxHandler {

    SandboxResponse handle(SandboxRequest request) throws Exception;
}
