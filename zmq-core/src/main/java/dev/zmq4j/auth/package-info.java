/**
 * A ready-made ZAP handler (27/ZAP), so that applications never write the protocol by hand: {@link
 * dev.zmq4j.auth.ZapAuthenticator} with allow and deny lists by address, PLAIN users from a map or a password file,
 * and CURVE client keys from a list, a directory of certificates ({@link dev.zmq4j.auth.CertificateStore}, czmq's
 * zcert format, {@link dev.zmq4j.auth.CurveCertificate}) or any key. czmq's zauth is the model, rule for rule.
 */
package dev.zmq4j.auth;
