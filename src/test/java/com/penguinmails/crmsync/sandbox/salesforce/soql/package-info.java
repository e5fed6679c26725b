/** Unit tests of the sandbox's SOQL subset: parsing, binding and evaluation without HTTP. */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce.soql;

import org.jspecify.annotations.NullMarked;
