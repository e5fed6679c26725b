package com.penguinmails.crmsync.sandbox.salesforce.soap;

/** One partner API operation: reads its arguments from the call and writes its response element. */
@FunctionalInterface
interface SoapOperation {

    /**
     * @throws SoapFault when the whole call fails
     */
    void handle(SoapCall call, SoapXml body);
}
