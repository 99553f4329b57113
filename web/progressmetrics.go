package web

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/signet-vote/signet/registrar"
)

// progressCollector reports each petition's verification progress and review queue as the
// engine reads them (registrar.Service.Status, which records nothing), at each scrape. The
// label is the petition's id: the set is the stored petitions, never what a client asks.
type progressCollector struct {
	svc                     *registrar.Service
	filed, verified, queued *prometheus.Desc
}

// scrapeTimeout bounds the engine's reading at a scrape.
const scrapeTimeout = 10 * time.Second

func newProgressCollector(svc *registrar.Service) *progressCollector {
	return &progressCollector{svc: svc,
		filed: prometheus.NewDesc("signet_petition_lines_filed",
			"Lines of the petition counted on filing (the raw count; 0 before filing).", []string{"petition"}, nil),
		verified: prometheus.NewDesc("signet_petition_lines_verified",
			"Lines of the petition with a verdict.", []string{"petition"}, nil),
		queued: prometheus.NewDesc("signet_petition_review_queue",
			"Lines of the petition the linker sent to review that no person has decided yet.", []string{"petition"}, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *progressCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.filed
	ch <- c.verified
	ch <- c.queued
}

// Collect implements prometheus.Collector. A reading that fails is reported as an invalid
// metric: the scrape says so rather than show a petition's progress as zero.
func (c *progressCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	ps, err := c.svc.Petitions(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.verified, err)
		return
	}
	for _, p := range ps {
		st, err := c.svc.Status(ctx, p.ID)
		if err != nil {
			ch <- prometheus.NewInvalidMetric(c.verified, err)
			continue
		}
		r := st.Report
		ch <- prometheus.MustNewConstMetric(c.filed, prometheus.GaugeValue, float64(r.Raw), p.ID)
		ch <- prometheus.MustNewConstMetric(c.verified, prometheus.GaugeValue, float64(r.Verified), p.ID)
		ch <- prometheus.MustNewConstMetric(c.queued, prometheus.GaugeValue, float64(r.AwaitingReview), p.ID)
	}
}
