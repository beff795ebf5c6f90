package dev.zmq4j.sample;

/**
 * The symbol is not traded here. Thrown by a listener, it reaches the caller as the starter's error reply
 * ({@code zmq4j-error}, {@code UnknownSymbolException: ...}); the REST layer turns it into a 404.
 */
public class UnknownSymbolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownSymbolException(String symbol) {
        super("unknown symbol '" + symbol + "'");
    }
}
