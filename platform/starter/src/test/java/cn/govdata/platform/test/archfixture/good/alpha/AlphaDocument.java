package cn.govdata.platform.test.archfixture.good.alpha;

public record AlphaDocument(String id) {

    public Alpha toDomain() {
        return new Alpha(id);
    }
}
