#include "ReportSymbolization.h"

#include "LivePage.h"
#include "capture/CaptureEngine.h"

namespace wpm {
namespace {

QString requestName(const RequestRecord& request)
{
    return request.method + u' ' + request.target;
}

} // namespace

void showReportSymbolization(CaptureEngine* capture, LivePage* page)
{
    QObject::connect(capture, &CaptureEngine::symbolizationProgress, page,
        [page](const RequestRecord& request, qint64 done, qint64 total) {
            page->showReportSymbolizationProgress(request.id, requestName(request), done, total);
        });
    QObject::connect(
        capture, &CaptureEngine::requestCaptured, page, [page](const std::shared_ptr<const CapturedRequest>& captured) {
            if (captured->framesLeftAsAddresses > 0)
                page->showReportSymbolizationCancelled(requestName(captured->request), captured->framesLeftAsAddresses);
            else
                page->endReportSymbolization(captured->request.id);
        });
    // Directly, on the page's thread: the engine's thread is busy symbolizing, the cancel is thread-safe.
    QObject::connect(
        page, &LivePage::reportSymbolizationCancelRequested, capture,
        [capture](quint64 requestId) { capture->cancelSymbolization(requestId); }, Qt::DirectConnection);
}

} // namespace wpm
