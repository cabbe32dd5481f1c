'use strict';
// An LTI 1.3 tool built with ltijs. It registers the Learnloop platform named by the environment, and on every
// resource link launch posts a grade for the launching user through the platform's Assignment and Grade Services
// (ltijs fetches the access token with its own client assertion), then answers with what it posted.
//
// Environment: PORT, PLATFORM_ISSUER, PLATFORM_CLIENT_ID, PLATFORM_AUTH_URL, PLATFORM_TOKEN_URL, PLATFORM_JWKS_URL,
// SCORE_GIVEN, SCORE_MAXIMUM. Prints "READY" on stdout once it listens.
const lti = require('ltijs').Provider;
const MemoryDatabase = require('./memory-db.cjs');

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error('missing environment variable ' + name);
  return value;
};

async function main() {
  lti.setup('learnloop-interop-test-key', { plugin: new MemoryDatabase() }, {
    appRoute: '/', loginRoute: '/login', keysetRoute: '/keys',
    cookies: { secure: false, sameSite: 'Lax' },
    devMode: false,
    tokenMaxAge: 60,
  });

  lti.onConnect(async (token, req, res) => {
    try {
      const lineItem = token.platformContext.endpoint.lineitem;
      const posted = await lti.Grade.submitScore(token, lineItem, {
        scoreGiven: Number(env('SCORE_GIVEN')),
        scoreMaximum: Number(env('SCORE_MAXIMUM')),
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        comment: 'graded by ltijs',
      });
      return res.status(200).json({ user: token.user, lineItem, posted });
    } catch (err) {
      const status = err.response ? err.response.statusCode : 500;
      const body = err.response ? err.response.body : String(err && err.message);
      return res.status(502).json({ error: 'grade not posted', status, body: String(body) });
    }
  });

  await lti.deploy({ port: Number(env('PORT')), silent: true });
  await lti.registerPlatform({
    url: env('PLATFORM_ISSUER'),
    name: 'Learnloop',
    clientId: env('PLATFORM_CLIENT_ID'),
    authenticationEndpoint: env('PLATFORM_AUTH_URL'),
    accesstokenEndpoint: env('PLATFORM_TOKEN_URL'),
    authConfig: { method: 'JWK_SET', key: env('PLATFORM_JWKS_URL') },
  });
  process.stdout.write('READY\n');
}

process.on('SIGTERM', () => process.exit(0));
main().catch((err) => {
  process.stderr.write('ltijs tool failed to start: ' + (err && err.stack) + '\n');
  process.exit(1);
});
