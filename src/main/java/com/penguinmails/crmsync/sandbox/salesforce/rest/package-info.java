/**
 * The REST API under {@code /services/data/vXX.X}: Bearer authentication, the {@code Sforce-Limit-Info} header, {@code limits}, SOQL over {@code query}/{@code queryAll} with {@code nextRecordsUrl} paging, single records under {@code sobjects/{object}[/{id}]} (create 201, PATCH and DELETE 204), and the {@code updated}/{@code deleted} replication resources, with errors in Salesforce's {@code [{message, errorCode, fields}]} shape.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce.rest;

import org.jspecify.annotations.NullMarked;
