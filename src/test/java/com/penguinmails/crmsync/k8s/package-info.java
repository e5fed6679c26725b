/** Checks of the Kubernetes manifests in {@code k8s-cronjobs/}. */
@org.jspecify.annotations.NullMarked
package com.penguinmails.crmsync.k8s;
