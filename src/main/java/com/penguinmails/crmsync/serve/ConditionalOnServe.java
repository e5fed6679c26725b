package com.penguinmails.crmsync.serve;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks a bean or configuration of {@code crm-sync serve}: it exists only when the {@code serve} command started the
 * context ({@code crmsync.serve.enabled=true}), so batch commands neither build nor start it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@ConditionalOnProperty(prefix = "crmsync.serve", name = "enabled", havingValue = "true")
public @interface ConditionalOnServe {
}
