package cn.govdata.sharing.exchange;

import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.Grants;
import cn.govdata.sharing.provider.ProviderRegistration;
import cn.govdata.sharing.provider.Providers;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The three reads every exchange call needs (the consumer's grants, the resource, the provider
 * registration), each kept for {@code grant-cache-ttl} so the hot path does not query the store on
 * every call. The price is staleness: a grant suspended or revoked in the database is still honoured
 * by a replica until the next reload, normally the TTL plus one read (default 1 s), at worst twice
 * the TTL plus a second while the store is slow. A grant or registration changed through this
 * replica is forgotten at once, so a suspension takes effect there from the next call.
 */
@Component
class ExchangeLookups {

    private final Grants grants;
    private final Resources resources;
    private final Providers providers;
    private final boolean caching;
    private final LoadingCache<String, List<Grant>> grantCache;
    private final LoadingCache<String, Optional<SharedResource>> resourceCache;
    private final LoadingCache<String, Optional<ProviderRegistration>> providerCache;

    ExchangeLookups(Grants grants, Resources resources, Providers providers, ExchangeProperties properties) {
        this.grants = grants;
        this.resources = resources;
        this.providers = providers;
        Duration ttl = properties.grantCacheTtl();
        this.caching = !ttl.isZero() && !ttl.isNegative();
        this.grantCache = cache(ttl, 100_000, key -> {
            int split = key.indexOf('\u0000');
            return grants.current(key.substring(0, split), key.substring(split + 1));
        });
        this.resourceCache = cache(ttl, 10_000, resources::find);
        this.providerCache = cache(ttl, 10_000, providers::find);
        providers.onChange(providerCache::invalidate);
        grants.onChange((consumer, resource) -> grantCache.invalidate(consumer + '\u0000' + resource));
    }

    /** The department's grants on the resource that are neither revoked nor expired, newest first. */
    List<Grant> grants(String consumerDepartment, String resourceId) {
        return caching ? grantCache.get(consumerDepartment + '\u0000' + resourceId) : grants.current(consumerDepartment, resourceId);
    }

    Optional<SharedResource> resource(String resourceId) {
        return caching ? resourceCache.get(resourceId) : resources.find(resourceId);
    }

    Optional<ProviderRegistration> provider(String resourceId) {
        return caching ? providerCache.get(resourceId) : providers.find(resourceId);
    }

    /**
     * Reloaded in the background once older than the TTL while calls keep using the loaded value,
     * so no call waits for the store at expiry; a value is never used once older than twice the
     * TTL plus a second (when reloading keeps failing, calls wait for the store again).
     */
    private static <V> LoadingCache<String, V> cache(Duration ttl, long size, Function<String, V> load) {
        Duration positive = ttl.isNegative() || ttl.isZero() ? Duration.ofMillis(1) : ttl;
        return Caffeine.newBuilder()
                .refreshAfterWrite(positive)
                .expireAfterWrite(positive.multipliedBy(2).plusSeconds(1))
                .maximumSize(size)
                .build(load::apply);
    }
}
