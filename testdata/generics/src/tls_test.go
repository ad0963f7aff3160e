package generics

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"testing"
	"time"
)

// BenchmarkTLSHandshake runs TLS 1.3 handshakes over an in-memory pipe: crypto/tls derives its keys through
// generic code over an interface type (`hmac.New[go.shape.interface { BlockSize() int; … }]`), the names
// pprof simplifies in every TLS program's profile.
func BenchmarkTLSHandshake(b *testing.B) {
	certificate := selfSigned(b)
	for i := 0; i < b.N; i++ {
		client, server := net.Pipe()
		done := make(chan error, 1)
		go func() {
			done <- tls.Server(server, &tls.Config{Certificates: []tls.Certificate{certificate}}).Handshake()
			// The raw pipe, not the TLS connection: its close_notify would block on the unread pipe.
			server.Close()
		}()
		if err := tls.Client(client, &tls.Config{InsecureSkipVerify: true, ServerName: "example"}).Handshake(); err != nil {
			b.Fatal(err)
		}
		client.Close()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	}
}

func selfSigned(b *testing.B) tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	template := x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "example"}, DNSNames: []string{"example"},
		NotBefore: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	der, err := x509.CreateCertificate(rand.Reader, &template, &template, &key.PublicKey, key)
	if err != nil {
		b.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}
