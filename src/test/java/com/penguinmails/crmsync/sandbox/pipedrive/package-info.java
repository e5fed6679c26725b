/** Contract tests of the Pipedrive sandbox over HTTP, with the JDK's HttpClient only. */
@NullMarked
package com.penguinmails.crmsync.sandbox.pipedrive;

import org.jspecify.annotations.NullMarked;
