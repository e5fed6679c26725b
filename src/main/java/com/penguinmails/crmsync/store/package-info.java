/**
 * PenguinMails tables and sync bookkeeping, read and written with JdbcClient in bulk; no ORM.
 */
@NullMarked
package com.penguinmails.crmsync.store;

import org.jspecify.annotations.NullMarked;
