package io.learnloop.community;

import io.learnloop.core.ServiceContext;

/** The behaviour suite on the embedded backend over the in-memory core store. */
class EmbeddedCommunityTest extends CommunityBehaviourSuite {
    @Override
    protected Community newCommunity(ServiceContext ctx, CommunityOptions options) {
        return Communities.embedded(ctx, options);
    }

    @Override
    protected long postsCreated() {
        return community.latestPosts(MOD).streamAll().count();
    }
}
