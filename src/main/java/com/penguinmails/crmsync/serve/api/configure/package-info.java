/**
 * The API's configuration calls: a connection's sync settings (objects, direction, creation rules) and its field map
 * (with the conflict policy per field), read and changed through the {@code admin} services as the caller.
 */
@NullMarked
package com.penguinmails.crmsync.serve.api.configure;

import org.jspecify.annotations.NullMarked;
