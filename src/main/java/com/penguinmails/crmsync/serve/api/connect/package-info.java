/**
 * The {@code /api/v1} calls that connect a CRM from PenguinMails settings: start a hosted OAuth authorisation
 * ({@code POST /api/v1/connections/{crm}/authorize}), connect with an API token ({@code POST /api/v1/connections/{crm}})
 * and reconnect a connection in place ({@code POST /api/v1/connections/{connectionId}/reconnect}).
 */
@NullMarked
package com.penguinmails.crmsync.serve.api.connect;

import org.jspecify.annotations.NullMarked;
