package cn.govdata.wirestore;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** The H2 file backend, opening {@link GovdataH2Database}s so that secondary indexes are honoured. */
final class GovdataH2Backend extends H2Backend {

    GovdataH2Backend(MVStore mvStore) {
        super(mvStore);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new GovdataH2Database(databaseName, getMvStore(), getCursorRegistry());
    }
}
