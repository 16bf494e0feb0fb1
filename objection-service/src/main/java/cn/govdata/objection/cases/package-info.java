/**
 * Objection cases, split by the steps of the process: {@code filing} (an objection and its
 * evidence) → {@code handling} (mark disputed, route, decide, correct, close) → {@code tracking}
 * (views, statistics, pseudonym resolution); {@code deadlines} watches every statutory step and
 * handles a missed one. They all build on {@code model} (the case aggregate and its rules, free of
 * frameworks) and {@code store} (the collection and the events each write carries); {@code requests}
 * holds the request bodies. The controller in this package is the desk in front of them.
 */
package cn.govdata.objection.cases;
