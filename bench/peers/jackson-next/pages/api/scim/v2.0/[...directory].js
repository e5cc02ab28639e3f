import jacksonInstance from '../../../../lib/jackson';

/**
 * The service's SCIM endpoint, pages/api/scim/v2.0/[...directory].ts in ory/polis v26.2.0,
 * rewritten for the bench with the same steps: the catch-all segments are the directory, the
 * resource type and its id; the body is what Next's API body parser left (text, for
 * application/scim+json), parsed when it is JSON; the bearer token is the second word of the
 * Authorization header; count and startIndex are parsed as integers; the library's answer goes
 * out through `res.status().json()`.
 */
export default async function scimDirectory(req, res) {
  const { directorySyncController } = await jacksonInstance();
  const [directoryId, resourceType, resourceId] = req.query.directory;
  const { count, startIndex, filter } = req.query;
  const { status, data } = await directorySyncController.requests.handle({
    method: req.method,
    body: jsonOrAsIs(req.body),
    directoryId,
    resourceType,
    resourceId,
    apiSecret: bearerToken(req.headers.authorization),
    query: {
      count: count ? parseInt(count, 10) : undefined,
      startIndex: startIndex ? parseInt(startIndex, 10) : undefined,
      filter,
    },
  });
  res.status(status).json(data);
}

/**
 * The service's lib/utils.ts `bodyParser`: text that parses to an object is parsed (the service
 * parses it once to check and once more to use it; so does this), anything else is passed on.
 */
function jsonOrAsIs(body) {
  return parsesToObject(body) ? JSON.parse(body) : body;
}

function parsesToObject(body) {
  try {
    return typeof JSON.parse(body) === 'object';
  } catch {
    return false;
  }
}

/** The service's lib/auth.ts `extractAuthToken`: the word after the first space, if any. */
function bearerToken(header = '') {
  const words = header.split(' ');
  return words.length > 1 ? words[1] : null;
}
