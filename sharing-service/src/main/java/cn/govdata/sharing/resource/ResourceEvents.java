package cn.govdata.sharing.resource;

import java.util.List;

/**
 * In-process notices the catalog follower raises after updating a resource, so the grant feature
 * can narrow or end grants without this package knowing about grants.
 */
public final class ResourceEvents {

    private ResourceEvents() {
    }

    /** A new version was published; {@code removedItems} are no longer part of the resource. */
    public record ResourceChanged(SharedResource resource, List<String> removedItems) {
    }

    /** The provider asked to withdraw; grants continue until the bureau approves. */
    public record ResourceWithdrawalPending(SharedResource resource, String reasons) {
    }

    /** The bureau approved the withdrawal: grants on the resource end. */
    public record ResourceWithdrawn(SharedResource resource, String reasons) {
    }
}
