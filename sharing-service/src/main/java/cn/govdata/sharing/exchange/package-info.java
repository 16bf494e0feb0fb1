/**
 * The exchange: the data path consumer departments' systems call all day (issue 5, QZ 2.3/5.3/5.4/8.2).
 *
 * <h2>Endpoints</h2>
 * Every call needs the {@code dept-consumer} role, a department in the token and an
 * {@code X-Purpose} header (percent-encoded UTF-8 for Chinese text; 400 naming the header when
 * missing).
 * <ul>
 *   <li>{@code GET /api/exchange/{resourceId}/records/{key}}: one record from the provider's API.</li>
 *   <li>{@code GET /api/exchange/{resourceId}/records?<item>=<value>&page=&size=}: a page from the
 *       provider's query API; filters only on granted items, at most 10, {@code size} at most 100.</li>
 *   <li>{@code POST /api/exchange/{resourceId}/verify {key, claims:{item:value}}}: MATCH / NO_MATCH /
 *       UNKNOWN per claimed item, never a value (可用不可见).</li>
 *   <li>{@code GET /api/exchange/{resourceId}/files} and {@code …/files/{fileId}}: uploaded files and
 *       table snapshots, streamed from GridFS, byte ranges supported.</li>
 * </ul>
 * Records come back as {@code {resourceId, sourceDepartment, retrievedAt, grantId, records:[{key,
 * disputed, disputedFields, data}]}} (queries add {@code page, size, totalItems}) with headers
 * {@code X-Source-Department} and {@code X-Retrieved-At}.
 *
 * <h2>Hot-path trade-offs</h2>
 * <ul>
 *   <li><b>Grant freshness.</b> Grants, resources and registrations are cached for
 *       {@code govdata.exchange.grant-cache-ttl} (1 s) and reloaded in the background; a suspension
 *       or revocation made elsewhere bites within about that long (worst case 2 x TTL + 1 s).</li>
 *   <li><b>Access records.</b> See {@link cn.govdata.sharing.exchange.AccessLog}: by default a call
 *       delivers data only once its access record and DataAccessed event are in the database, written
 *       together with the other calls of the moment in one document; the platform relay then
 *       publishes the events.</li>
 *   <li><b>Limits are per replica.</b> Rates per minute and crawler detection count in each replica's
 *       memory; daily quotas are shared through {@code exchange_usage} with one flush of lag.</li>
 * </ul>
 * Benchmark and measured figures: {@code sharing-service/bench/README.md}.
 */
package cn.govdata.sharing.exchange;
