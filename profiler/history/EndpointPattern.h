#pragma once
// The endpoint a request belongs to, for de-duplication and the history: the method and the URL's path
// with the parts that identify one record collapsed, so /users/42 and /users/43 are one endpoint.

#include <QString>

namespace wpm {

// "GET /users/{id}/orders/{id}": query and fragment dropped; path segments that are decimal numbers,
// UUIDs or hex ids of 8+ digits with at least one digit become {id}. At most 300 characters.
QString endpointPattern(const QString& method, const QString& url);

} // namespace wpm
