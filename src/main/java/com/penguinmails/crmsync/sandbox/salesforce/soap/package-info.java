/**
 * The SOAP Partner API ({@code /services/Soap/u/{version}}): envelope parsing with the JDK's DOM, the query, queryMore, queryAll, create, update, upsert, delete, merge, getUpdated, getDeleted and describeSObject operations, and faults in the partner fault namespace.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce.soap;

import org.jspecify.annotations.NullMarked;
