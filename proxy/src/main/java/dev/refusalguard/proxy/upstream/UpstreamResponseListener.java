package dev.refusalguard.proxy.upstream;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Receives one upstream response, on the exchange's event loop. Reading is pull-based: nothing more is read
 * from the upstream until the listener calls {@link UpstreamCall#read()}.
 */
public interface UpstreamResponseListener {

    /** Status and headers arrived. */
    void onHead(UpstreamCall call, HttpResponse head);

    /**
     * A piece of the body arrived. The listener owns {@code content} and must release it or pass it on.
     * {@code last} is true for the final piece (the response ends with it).
     */
    void onContent(UpstreamCall call, HttpContent content, boolean last);

    /** The call failed before the response ended; nothing more will arrive. */
    void onFailure(UpstreamCall call, UpstreamFailure failure, Throwable cause);
}
