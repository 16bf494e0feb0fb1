package cn.govdata.platform.test;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexCoverageTest {

    @Test
    void equality_in_and_ranges_on_the_leading_key_are_answered_by_the_index() {
        assertThat(IndexCoverage.constrains(BsonDocument.parse("{state: 'PENDING', dueAt: {$lte: 5}}"), "state", false)).isTrue();
        assertThat(IndexCoverage.constrains(BsonDocument.parse("{state: {$in: ['A', 'B']}}"), "state", false)).isTrue();
        assertThat(IndexCoverage.constrains(BsonDocument.parse("{writtenAt: {$lt: 5}}"), "writtenAt", false)).isTrue();
        assertThat(IndexCoverage.constrains(BsonDocument.parse("{$and: [{state: 'A'}, {x: 1}]}"), "state", false)).isTrue();
    }

    @Test
    void a_filter_on_a_later_key_only_or_a_negation_reads_everything() {
        assertThat(IndexCoverage.constrains(BsonDocument.parse("{dueAt: {$lte: 5}}"), "state", false)).isFalse();
        assertThat(IndexCoverage.constrains(BsonDocument.parse("{state: {$ne: 'DONE'}}"), "state", false)).isFalse();
        assertThat(IndexCoverage.constrains(BsonDocument.parse("{state: {$nin: ['DONE']}}"), "state", false)).isFalse();
        assertThat(IndexCoverage.constrains(BsonDocument.parse("{}"), "state", false)).isFalse();
        assertThat(IndexCoverage.constrains(BsonDocument.parse("{$or: [{state: 'A'}, {x: 1}]}"), "state", false)).isFalse();
    }

    @Test
    void exists_is_answered_only_by_a_sparse_index() {
        BsonDocument pending = BsonDocument.parse("{'outbox.eventId': {$exists: true}}");
        assertThat(IndexCoverage.constrains(pending, "outbox.eventId", true)).isTrue();
        assertThat(IndexCoverage.constrains(pending, "outbox.eventId", false)).isFalse();
        assertThat(IndexCoverage.constrains(BsonDocument.parse("{'outbox.0': {$exists: true}}"), "outbox.eventId", true)).isFalse();
    }

    @Test
    void an_id_lookup_is_covered_on_every_collection() {
        assertThat(new IndexCoverage().coveringIndex("anything", BsonDocument.parse("{_id: 'x', version: 3}"))).isPresent();
        assertThat(new IndexCoverage().coveringIndex("anything", BsonDocument.parse("{version: 3}"))).isEmpty();
    }

    @Test
    void shapes_blank_values_so_one_query_is_one_line_of_the_inventory() {
        assertThat(IndexCoverage.shape(BsonDocument.parse("{state: 'A', dueAt: {$lte: 5}, tags: {$in: [1, 2]}}")))
                .isEqualTo("{state:?, dueAt:{$lte:?}, tags:{$in:[?]}}");
    }

    @Test
    void an_or_is_answered_when_every_branch_has_an_index_of_its_own() {
        var coverage = new IndexCoverage();
        coverage.declare(BsonDocument.parse(
                "{createIndexes: 'demands', indexes: [{key: {requestingDepartment: 1}, name: 'a'}, {key: {addressedTo: 1}, name: 'b'}]}"));

        assertThat(coverage.coveringIndex("demands", BsonDocument.parse(
                "{$and: [{$or: [{requestingDepartment: 'PSB'}, {addressedTo: 'PSB'}]}, {state: 'OPEN'}]}"))).isPresent();
        assertThat(coverage.coveringIndex("demands", BsonDocument.parse(
                "{$or: [{requestingDepartment: 'PSB'}, {region: '320100'}]}"))).isEmpty();
    }
}
