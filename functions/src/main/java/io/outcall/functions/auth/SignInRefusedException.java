package io.outcall.functions.auth;

/**
 * A user Cognito must not issue tokens to: the trigger fails, and Cognito shows the sign-in page
 * this message ("PreTokenGeneration failed with error ...").
 */
public final class SignInRefusedException extends RuntimeException {

    public SignInRefusedException(String message) {
        super(message);
    }
}
