package com.penguinmails.crmsync.core;

/** A contact whose lead score is to become {@code newScore}. */
public record ScoreChange(long contactId, int oldScore, int newScore) {
}
