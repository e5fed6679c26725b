/**
 * Where the database comes from: a configured PostgreSQL server, or the embedded default with a persistent data directory; and which Flyway migrations apply.
 */
@NullMarked
package com.penguinmails.crmsync.database;

import org.jspecify.annotations.NullMarked;
