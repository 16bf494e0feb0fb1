package cn.govdata.catalog.entry;

/**
 * In-process notice that the bureau approved a version of an entry (the first or a change), after
 * it was stored; features that follow publications (re-evaluation duties, SY 31/37) listen for it.
 */
public record EntryPublished(CatalogEntry entry) {
}
