/**
 * Administration shared by the API and the CLI: reading and changing a connection's sync configuration (settings,
 * field map), each change validated whole before anything is stored and audited with who made it.
 */
@NullMarked
package com.penguinmails.crmsync.admin;

import org.jspecify.annotations.NullMarked;
