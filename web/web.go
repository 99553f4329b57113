// Package web is Signet's web door: server-rendered public pages, a JSON API under
// /api/v1 with its OpenAPI document, /healthz and Prometheus metrics, over one
// registrar.Service. Like the CLI it holds no rule and no SQL: a handler parses the
// request, calls the engine and renders what it returns. Errors reach people through one
// mapping of signet.Error codes to HTTP statuses (errors.go).
package web

import (
	"cmp"
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

//go:embed assets
var assets embed.FS

// Server is the web application over an engine. Build it with New; it is an http.Handler.
type Server struct {
	svc     *registrar.Service
	log     *slog.Logger
	pages   *template.Template
	metrics *metrics
	routes  []route
	handler http.Handler
	// readings shares petitions' readings among their public pages (statuscache.go).
	readings *statusCache
	// jobs runs counts and imports that outlast a request (jobs.go); uploads are spooled
	// to tempDir, at most maxUpload bytes (uploads.go).
	jobs      *jobRunner
	maxUpload int64
	tempDir   string
}

// route is one pattern the server serves, the permission it needs (registrar.Public for
// anyone; none declared is refused to everyone) and its handler.
type route struct {
	pattern string
	perm    registrar.Permission
	handler http.HandlerFunc
}

// Config is what a Server is built from.
type Config struct {
	// Service is the engine the pages and the API read.
	Service *registrar.Service
	// Log receives one record per request (nil: discarded). Records hold the route, the
	// status and the time taken, never a query string, an address or a voter's data.
	Log *slog.Logger
	// Registry is where the server's metrics are registered (nil: a registry of its own,
	// with the Go runtime's and the process's collectors).
	Registry *prometheus.Registry
	// StatusMaxAge is how old a petition's reading on its public page and API status may
	// be (zero: read on every request). signet serve uses DefaultStatusMaxAge.
	StatusMaxAge time.Duration
	// Context is the jobs' base context (nil: context.Background()): when it ends, or at
	// Close, a count stops at a batch boundary and an import keeps nothing.
	Context context.Context
	// MaxUpload is the largest file an upload may send (zero: DefaultMaxUpload).
	MaxUpload int64
	// TempDir is where uploads are spooled before they are imported ("": os.TempDir()).
	TempDir string
}

// DefaultStatusMaxAge is how old signet serve lets a public reading of a petition be: a
// second behind the count, so that a crowd of readers costs one reading a second.
const DefaultStatusMaxAge = time.Second

// New builds the server.
func New(cfg Config) (*Server, error) {
	s := &Server{svc: cfg.Service, log: cfg.Log, readings: newStatusCache(cfg.Service, cfg.StatusMaxAge)}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.jobs, s.maxUpload, s.tempDir = newJobRunner(cfg.Context, s.log), cmp.Or(cfg.MaxUpload, DefaultMaxUpload), cfg.TempDir
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	if s.metrics, err = newMetrics(cfg.Registry, cfg.Service); err != nil {
		return nil, err
	}
	static, err := fs.Sub(assets, "assets/static")
	if err != nil {
		return nil, err
	}
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	const public = registrar.Public
	s.routes = []route{
		{"GET /{$}", public, s.petitionsPage},
		{"GET /petitions/{id}", public, s.statusPage},
		{"GET /static/{file...}", public, files.ServeHTTP},
		{"GET /healthz", public, s.health},
		{"GET /metrics", public, s.metrics.handler.ServeHTTP},
		{"GET /login", public, s.loginPage},
		{"POST /login", public, s.login},
		{"POST /logout", public, s.logout},
		{"GET /me", registrar.PermSelf, s.mePage},
		{"GET /admin/users", registrar.PermUsersRead, s.usersPage},
		// The admin's accounts, records and audit log, and one's own password (admin.go).
		{"POST /admin/users", registrar.PermUsersManage, s.addUser},
		{"GET /admin/users/{name}", registrar.PermUsersRead, s.userPage},
		{"POST /admin/users/{name}/role", registrar.PermUsersManage, s.setRole},
		{"POST /admin/users/{name}/disable", registrar.PermUsersManage, s.setEnabled(false)},
		{"POST /admin/users/{name}/enable", registrar.PermUsersManage, s.setEnabled(true)},
		{"POST /admin/users/{name}/tokens", registrar.PermTokensManage, s.addToken},
		{"POST /admin/users/{name}/tokens/{token}/revoke", registrar.PermTokensManage, s.revokeToken},
		{"GET /me/password", registrar.PermSelf, s.passwordPage},
		{"POST /me/password", registrar.PermSelf, s.changePassword},
		{"GET /admin/jurisdictions", registrar.PermRecordsRead, s.jurisdictionsPage},
		{"GET /admin/petitions", registrar.PermRecordsRead, s.petitionsAdminPage},
		{"GET /admin/audit", registrar.PermAuditRead, s.auditPage},
		{"POST /admin/audit/verify", registrar.PermAuditRead, s.auditVerify},
		// A petition's records set up and moved on, pages and API (records.go).
		{"POST /admin/jurisdictions", registrar.PermRecordsManage, s.addJurisdiction},
		{"POST /admin/jurisdictions/{id}/reports", registrar.PermRecordsManage, s.addReportPage},
		{"POST /admin/petitions", registrar.PermRecordsManage, s.addPetition},
		{"GET /admin/petitions/{id}", registrar.PermRecordsRead, s.adminPetitionPage},
		{"POST /admin/petitions/{id}/file", registrar.PermRecordsManage, s.filePetitionPage},
		{"POST /admin/petitions/{id}/sample", registrar.PermRecordsManage, s.drawSamplePage},
		{"POST /admin/petitions/{id}/projection", registrar.PermRecordsManage, s.projectPage},
		{"POST /api/v1/jurisdictions", registrar.PermRecordsManage, s.apiRecord(http.StatusCreated, jurisdictionFields, s.apiCreateJurisdiction)},
		{"POST /api/v1/jurisdictions/{id}/reports", registrar.PermRecordsManage, s.apiRecord(http.StatusCreated, reportFields, s.apiAddReport)},
		{"POST /api/v1/petitions", registrar.PermRecordsManage, s.apiRecord(http.StatusCreated, petitionFields, s.apiCreatePetition)},
		{"POST /api/v1/petitions/{id}/file", registrar.PermRecordsManage, s.apiRecord(http.StatusOK, fileFields, s.apiFilePetition)},
		{"POST /api/v1/petitions/{id}/sample", registrar.PermRecordsManage, s.apiRecord(http.StatusCreated, sampleFields, s.apiDrawSample)},
		{"POST /api/v1/petitions/{id}/projection", registrar.PermRecordsManage, s.apiRecord(http.StatusOK, nil, s.apiProject)},
		// A state-officer recall's county reports and statewide status (records.go).
		{"POST /admin/petitions/{id}/state-reports", registrar.PermRecordsManage, s.stateReportPage},
		{"POST /api/v1/petitions/{id}/state-reports", registrar.PermRecordsManage, s.apiRecord(http.StatusCreated, stateReportFields, s.apiStateReport)},
		{"GET /api/v1/petitions/{id}/state-status", registrar.PermRecordsRead, s.apiStateStatus},
		// The clerks' desk, the supervisor's and the proponents' list (desk.go).
		{"GET /desk", registrar.PermReviewDecide, s.deskIndex},
		{"GET /petitions/{id}/desk", registrar.PermReviewDecide, s.deskPage},
		{"POST /petitions/{id}/desk/claim", registrar.PermReviewDecide, s.deskClaim},
		{"GET /petitions/{id}/desk/{line}", registrar.PermReviewDecide, s.deskLine},
		{"POST /petitions/{id}/desk/{line}/decide", registrar.PermReviewDecide, s.deskDecide},
		{"POST /petitions/{id}/desk/{line}/release", registrar.PermReviewDecide, s.deskRelease},
		{"GET /petitions/{id}/supervise", registrar.PermReviewSupervise, s.supervisePage},
		{"POST /petitions/{id}/assignments", registrar.PermReviewSupervise, s.assign},
		{"POST /petitions/{id}/overrides", registrar.PermReviewSupervise, s.override},
		{"GET /petitions/{id}/lines/{line}", registrar.PermReviewSupervise, s.linePage},
		{"POST /petitions/{id}/challenges/{n}/answer", registrar.PermReviewSupervise, s.answer},
		{"GET /petitions/{id}/invalid", registrar.PermInvalidRead, s.invalidPage},
		{"GET /petitions/{id}/invalid.csv", registrar.PermInvalidRead, s.invalidCSV},
		{"POST /petitions/{id}/challenges", registrar.PermChallengeFile, s.challenge},
		// The campaign's workspace (campaign.go).
		{"GET /campaign", registrar.PermIntake, s.campaignIndex},
		{"GET /petitions/{id}/campaign", registrar.PermIntake, s.intakePage},
		{"POST /petitions/{id}/campaign/intake", registrar.PermIntake, s.intakeAdd},
		{"POST /petitions/{id}/campaign/intake/upload", registrar.PermIntake, s.intakeUploadPage},
		{"GET /petitions/{id}/campaign/prechecks", registrar.PermPrecheck, s.precheckPage},
		{"GET /petitions/{id}/campaign/circulators", registrar.PermPrecheck, s.circulatorsPage},
		{"GET /petitions/{id}/campaign/forecast", registrar.PermPrecheck, s.forecastPage},
		// Jobs: a verification, uploads of rolls and lines (jobs.go, uploads.go).
		{"POST /petitions/{id}/verify", registrar.PermCountRun, s.verify},
		{"GET /admin/uploads", registrar.PermDataImport, s.uploadsPage},
		{"POST /admin/uploads/roll", registrar.PermDataImport, s.upload(jobRoll)},
		{"POST /admin/uploads/lines", registrar.PermDataImport, s.upload(jobLines)},
		// Issue 12's imports and resets: a file of signature decisions uploaded as a job
		// (uploads.go), an admin setting another user's password (adminpassword.go).
		{"POST /admin/uploads/reviews", registrar.PermDataImport, s.upload(jobReviews)},
		{"POST /api/v1/petitions/{id}/reviews", registrar.PermDataImport, s.apiUpload(jobReviews)},
		{"POST /admin/users/{name}/password", registrar.PermUsersManage, s.resetPassword},
		{"POST /api/v1/users/{name}/password", registrar.PermUsersManage, s.apiResetPassword},
		{"GET /jobs/{id}", registrar.PermSelf, s.jobPage}, // and the job's own permission
		{"GET /api/v1/openapi.json", public, s.openAPI},
		{"GET /api/v1/petitions", public, s.apiPetitions},
		{"GET /api/v1/petitions/{id}", public, s.apiPetition},
		{"GET /api/v1/petitions/{id}/status", public, s.apiStatus},
		{"GET /api/v1/me", registrar.PermSelf, s.apiMe},
		{"GET /api/v1/users", registrar.PermUsersRead, s.apiUsers},
		{"POST /api/v1/users", registrar.PermUsersManage, s.apiAddUser},
		{"GET /api/v1/users/{name}", registrar.PermUsersRead, s.apiUser},
		{"POST /api/v1/users/{name}/role", registrar.PermUsersManage, s.apiUserAct([]string{"role"}, func(r *http.Request, name string, f url.Values) error {
			return s.svc.SetRole(r.Context(), name, signet.Role(f.Get("role")), who(r)+" (api)")
		})},
		{"POST /api/v1/users/{name}/disable", registrar.PermUsersManage, s.apiUserAct(nil, func(r *http.Request, name string, _ url.Values) error {
			return s.svc.DisableUser(r.Context(), name, who(r)+" (api)")
		})},
		{"POST /api/v1/users/{name}/enable", registrar.PermUsersManage, s.apiUserAct(nil, func(r *http.Request, name string, _ url.Values) error {
			return s.svc.EnableUser(r.Context(), name, who(r)+" (api)")
		})},
		{"POST /api/v1/users/{name}/tokens", registrar.PermTokensManage, s.apiAddToken},
		{"POST /api/v1/users/{name}/tokens/{token}/revoke", registrar.PermTokensManage, s.apiRevokeToken},
		{"POST /api/v1/me/password", registrar.PermSelf, s.apiChangePassword},
		{"GET /api/v1/jurisdictions", registrar.PermRecordsRead, s.apiJurisdictions},
		{"GET /api/v1/admin/petitions", registrar.PermRecordsRead, s.apiPetitionsOverview},
		{"GET /api/v1/audit", registrar.PermAuditRead, s.apiAudit},
		{"POST /api/v1/audit/verify", registrar.PermAuditRead, s.apiAuditVerify},
		{"POST /api/v1/petitions/{id}/desk/claim", registrar.PermReviewDecide, s.apiClaim},
		{"GET /api/v1/petitions/{id}/desk/{line}", registrar.PermReviewDecide, s.apiHeld},
		{"POST /api/v1/petitions/{id}/desk/{line}/decide", registrar.PermReviewDecide, s.apiDecide},
		{"POST /api/v1/petitions/{id}/desk/{line}/release", registrar.PermReviewDecide, s.apiRelease},
		{"GET /api/v1/petitions/{id}/lines/{line}", registrar.PermReviewSupervise, s.apiLine},
		{"GET /api/v1/petitions/{id}/assignments", registrar.PermReviewSupervise, s.apiAssignments},
		{"POST /api/v1/petitions/{id}/assignments", registrar.PermReviewSupervise, s.apiAssign},
		{"GET /api/v1/petitions/{id}/throughput", registrar.PermReviewSupervise, s.apiThroughput},
		{"POST /api/v1/petitions/{id}/overrides", registrar.PermReviewSupervise, s.apiOverride},
		{"GET /api/v1/petitions/{id}/challenges", registrar.PermReviewSupervise, s.apiChallenges},
		{"POST /api/v1/petitions/{id}/challenges", registrar.PermChallengeFile, s.apiChallenge},
		{"POST /api/v1/petitions/{id}/challenges/{n}/answer", registrar.PermReviewSupervise, s.apiAnswer},
		{"GET /api/v1/petitions/{id}/invalid", registrar.PermInvalidRead, s.apiInvalid},
		{"GET /api/v1/petitions/{id}/invalid.csv", registrar.PermInvalidRead, s.invalidCSV},
		{"GET /api/v1/petitions/{id}/intake", registrar.PermIntake, s.apiIntake},
		{"POST /api/v1/petitions/{id}/intake", registrar.PermIntake, s.apiIntakeAdd},
		{"GET /api/v1/petitions/{id}/prechecks", registrar.PermPrecheck, s.apiPrechecks},
		{"GET /api/v1/petitions/{id}/circulators", registrar.PermPrecheck, s.apiCirculators},
		{"GET /api/v1/petitions/{id}/forecast", registrar.PermPrecheck, s.apiForecast},
		{"POST /api/v1/petitions/{id}/verify", registrar.PermCountRun, s.apiVerify},
		{"POST /api/v1/jurisdictions/{id}/roll", registrar.PermDataImport, s.apiUpload(jobRoll)},
		{"POST /api/v1/petitions/{id}/lines", registrar.PermDataImport, s.apiUpload(jobLines)},
		{"GET /api/v1/jobs/{id}", registrar.PermSelf, s.apiJob}, // and the job's own permission
		// Anything else is a page that does not exist, said in the site's words.
		{"GET /", public, s.notFound},
	}
	mux := http.NewServeMux()
	for _, r := range s.routes {
		mux.HandleFunc(r.pattern, s.guard(r.perm, r.handler))
	}
	// Forms post only from this site's own pages: a state-changing request another site
	// makes a browser send (a forged sign-out, a sign-in into another account) is refused.
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(s.crossOriginRefused))
	s.handler = s.observe(secure(csrf.Handler(mux)))
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Patterns are the patterns the server serves, in the order they were registered.
func (s *Server) Patterns() []string {
	out := make([]string, len(s.routes))
	for i, r := range s.routes {
		out[i] = r.pattern
	}
	return out
}

// secure sets the headers every response carries: a strict Content Security Policy (no
// inline script or style, nothing from elsewhere), no sniffing, no framing, no referrer.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// recorder keeps the status and size of a response for the log and the metrics.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// observe logs every request and counts it in the metrics by route and status; a handler
// that panics is answered 500 and logged, and the server goes on.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("handler panicked", "route", r.Pattern, "panic", p)
				if rec.status == 0 {
					http.Error(rec, "internal error", http.StatusInternalServerError)
				}
			}
			if rec.status == 0 {
				rec.status = http.StatusOK
			}
			route := r.Pattern // set by the mux on this very request
			if route == "" {
				route = "unmatched"
			}
			took := time.Since(start)
			s.metrics.observe(route, rec.status, took)
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("method", r.Method), slog.String("route", route),
				slog.Int("status", rec.status), slog.Int("bytes", rec.bytes), slog.Float64("ms", float64(took.Microseconds())/1000))
		}()
		next.ServeHTTP(rec, r)
	})
}
