package cn.govdata.domain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an aggregate, a value or a domain rule: code that states what the regulations say and
 * must stay free of frameworks, persistence and HTTP, so it can be read and tested on its own. The
 * architecture tests of every service check what such a type (and the types nested in it) depends on.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DomainModel {
}
