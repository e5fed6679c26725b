/**
 * Test support: the real PostgreSQL every test runs on, one fresh database per test class.
 */
@NullMarked
package com.penguinmails.crmsync.testing;

import org.jspecify.annotations.NullMarked;
