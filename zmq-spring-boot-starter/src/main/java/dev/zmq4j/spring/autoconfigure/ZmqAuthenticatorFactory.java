package dev.zmq4j.spring.autoconfigure;

import dev.zmq4j.Context;
import dev.zmq4j.ZmqException;
import dev.zmq4j.auth.ZapAuthenticator;
import dev.zmq4j.spring.support.InvalidZmqConfigurationException;

/** Starts a {@link ZapAuthenticator} configured from {@code zmq.auth.*}; errors name the property. Stateless. */
final class ZmqAuthenticatorFactory {
    private ZmqAuthenticatorFactory() {}

    static ZapAuthenticator start(Context context, ZmqAuthProperties auth) {
        ZapAuthenticator authenticator;
        try {
            authenticator = ZapAuthenticator.start(context);
        } catch (ZmqException e) {
            throw new InvalidZmqConfigurationException("zmq.auth.enabled", e.getMessage(), e);
        }
        try {
            authenticator.verbose(auth.isVerbose());
            authenticator.allow(auth.getAllow().toArray(String[]::new));
            authenticator.deny(auth.getDeny().toArray(String[]::new));
            if (!auth.getPlain().getUsers().isEmpty()) {
                authenticator.plainUsers(auth.getPlain().getUsers());
            }
            if (auth.getPlain().getPasswordFile() != null) {
                authenticator.plainPasswordFile(auth.getPlain().getPasswordFile());
            }
            if (auth.getCurve().isAllowAny()) {
                authenticator.curveAllowAny();
            }
            if (!auth.getCurve().getKeys().isEmpty()) {
                try {
                    authenticator.curveKeys(auth.getCurve().getKeys());
                } catch (ZmqException e) {
                    throw new InvalidZmqConfigurationException(
                            "zmq.auth.curve.keys", "each key must be 40 characters of Z85: " + e.getMessage(), e);
                }
            }
            if (auth.getCurve().getCertificates() != null) {
                authenticator.curveCertificates(auth.getCurve().getCertificates());
            }
            return authenticator;
        } catch (RuntimeException e) {
            authenticator.close();
            throw e;
        }
    }
}
