package dev.zmq4j.core;

/**
 * The security mechanism a socket's connections use (23/ZMTP): chosen by the PLAIN_* and CURVE_* options, as in
 * libzmq, where the last such option set decides. Its name is what the greeting announces.
 *
 * <p>Constants, immutable and thread-safe.
 */
public enum Security {
    NULL,
    PLAIN,
    CURVE
}
