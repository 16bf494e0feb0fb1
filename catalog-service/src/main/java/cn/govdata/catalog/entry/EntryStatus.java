package cn.govdata.catalog.entry;

/**
 * Where an entry stands as the catalog shows it. A published entry with a change under review stays
 * PUBLISHED (the published version stays visible, NT 10) and carries a pending change.
 */
public enum EntryStatus {
    DRAFT, SUBMITTED, UNDER_REVIEW, RETURNED, PUBLISHED, WITHDRAWAL_REQUESTED, WITHDRAWN
}
