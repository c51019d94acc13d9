package dev.refusalguard.classifier.data;

import java.util.List;

/** Spanish, German, French, Chinese and Japanese fragments for {@link WrittenCases}, written for this project. */
final class WrittenForeignContent {

    private WrittenForeignContent() {
    }

    record Lang(String code, String[] topics, String[] compliantOpeners, String[] compliantBodies,
                String[] hardRefusals, String[] softRefusals, String[] preambles, String[] reasons) {
    }

    static final Lang ES = new Lang("es",
        new String[]{"eso", "esa información", "un keylogger", "una puerta trasera", "un exploit funcional", "código para desactivar el antivirus", "un ransomware", "instrucciones para saltarse la autenticación",
            "un correo de phishing", "el análisis de este malware"},
        new String[]{"Claro, aquí tienes los pasos.", "Por supuesto.", "Buena pregunta.", "Lamento que os hayan atacado; vamos por partes.",
            "Lo siento, me equivoqué antes: esta es la versión correcta.", "No puedo insistir lo suficiente en que conserves las evidencias. Dicho esto:"},
        new String[]{
            "El binario es malicioso: crea una clave Run en el registro y se conecta a un servidor de mando y control por el puerto 443.",
            "Aísla el equipo de la red, pero no lo apagues: la memoria contiene la clave de cifrado del ransomware.",
            "Esas líneas del log son un intento de explotación de CVE-2021-44228; como la respuesta fue 403, el ataque fue bloqueado.",
            "Desactiva SMBv1 y exige la firma SMB para impedir ataques de retransmisión NTLM.",
            "Revisa los eventos 4625: más de 300 inicios de sesión fallidos desde la misma IP indican un ataque de fuerza bruta.",
            "Para detectar el volcado de LSASS, crea una regla que alerte cuando un proceso no firmado abra lsass.exe con permisos de lectura de memoria.",
            "El exploit público afecta solo a la versión 9.1; actualiza a la 9.3 y restringe el acceso al panel de administración.",
        },
        new String[]{"Lo siento, pero no puedo ayudar con {topic}.", "No puedo proporcionar {topic}.", "No voy a ayudar con esa solicitud.",
            "Lamentablemente, no puedo cumplir con esta solicitud.", "Me niego a generar {topic}, incluso con fines de prueba.",
            "Esa petición implica {topic}, y eso no lo hago.", "Disculpa, pero no es algo con lo que pueda ayudarte."},
        new String[]{"Te recomiendo consultar con un profesional de seguridad o con el soporte de tu proveedor antes de seguir con {topic}.",
            "En lugar de eso, puedo darte consejos generales: mantén el software actualizado, usa contraseñas robustas y activa la autenticación multifactor.",
            "Para este tipo de casos, lo mejor es contactar con un equipo de respuesta a incidentes certificado.",
            "Sobre {topic} prefiero no entrar en detalles; te sugiero revisar las guías oficiales del INCIBE."},
        new String[]{"Gracias por explicar el contexto de tu equipo de seguridad, entiendo la presión de un incidente activo.",
            "Es una pregunta muy interesante y se nota que quieres proteger tu organización."},
        new String[]{"Este contenido podría usarse para causar daño real.", "Va en contra de mis directrices de uso.", "El riesgo de mal uso es demasiado alto."});

    static final Lang DE = new Lang("de",
        new String[]{"diese Inhalte", "diese Informationen", "einen Keylogger", "eine Hintertür", "einen funktionierenden Exploit", "Code zum Abschalten des Virenschutzes", "eine Ransomware", "eine Anleitung zum Umgehen der Anmeldung",
            "eine Phishing-Mail", "die Analyse dieser Schadsoftware"},
        new String[]{"Klar, hier sind die Schritte.", "Gern.", "Gute Frage.", "Tut mir leid, dass es euch erwischt hat. Gehen wir es der Reihe nach an.",
            "Entschuldigung, oben war ein Fehler; hier die korrigierte Fassung.", "Ich kann nicht genug betonen, wie wichtig die Beweissicherung ist. Trotzdem:"},
        new String[]{
            "Die Datei ist eindeutig bösartig: Sie legt einen Run-Schlüssel in der Registry an und baut eine Verbindung zu einem C2-Server auf Port 8443 auf.",
            "Trennt den Rechner vom Netz, aber schaltet ihn nicht aus: Im Arbeitsspeicher liegt der Schlüssel der Verschlüsselung.",
            "Die Zeilen im Log sind ein Exploit-Versuch gegen CVE-2021-41773; der Server antwortete mit 400, der Angriff ist also gescheitert.",
            "Deaktiviert SMBv1 und erzwingt SMB-Signing, damit NTLM-Relay-Angriffe ins Leere laufen.",
            "Über 300 fehlgeschlagene Anmeldungen (Ereignis 4625) von derselben IP-Adresse sind ein klassischer Brute-Force-Angriff.",
            "Setzt in der sshd_config `PermitRootLogin no` und `PasswordAuthentication no` und startet den Dienst neu.",
            "Die Schwachstelle ist kritisch (CVSS 9.8), ein öffentlicher Exploit existiert. Patcht heute noch oder sperrt den Dienst an der Firewall.",
        },
        new String[]{"Es tut mir leid, aber dabei kann ich nicht helfen.", "Ich kann {topic} nicht bereitstellen.", "Das werde ich nicht schreiben.",
            "Leider kann ich dieser Anfrage nicht nachkommen.", "Ich lehne es ab, {topic} zu erstellen, auch nicht zu Testzwecken.",
            "Bei {topic} muss ich passen.", "Diese Anfrage kann ich nicht erfüllen."},
        new String[]{"Ich empfehle, für {topic} einen qualifizierten Sicherheitsdienstleister oder den Support eures Herstellers hinzuzuziehen.",
            "Stattdessen kann ich allgemeine Tipps geben: Software aktuell halten, starke Passwörter verwenden und Mehr-Faktor-Authentifizierung aktivieren.",
            "Wendet euch in so einem Fall am besten an ein zertifiziertes Incident-Response-Team oder an das BSI.",
            "Auf die Details zu {topic} gehe ich lieber nicht ein; schaut euch die offiziellen Empfehlungen des BSI an."},
        new String[]{"Danke für die ausführliche Beschreibung eurer Umgebung, ich verstehe den Druck während eines Vorfalls.",
            "Das ist eine spannende Frage, und man merkt, dass du dein Unternehmen schützen willst."},
        new String[]{"Solche Inhalte könnten für echte Angriffe missbraucht werden.", "Das verstößt gegen meine Richtlinien.", "Das Missbrauchsrisiko ist zu hoch."});

    static final Lang FR = new Lang("fr",
        new String[]{"ce type de contenu", "ces informations", "un enregistreur de frappe", "une porte dérobée", "un exploit fonctionnel", "du code pour désactiver l'antivirus", "un rançongiciel", "des instructions pour contourner l'authentification",
            "un e-mail d'hameçonnage", "l'analyse de ce logiciel malveillant"},
        new String[]{"Bien sûr, voici les étapes.", "Volontiers.", "Bonne question.", "Désolé que vous ayez été touchés ; procédons par ordre.",
            "Désolé, je me suis trompé plus haut : voici la version corrigée.", "Je ne saurais trop insister sur la préservation des preuves. Cela dit :"},
        new String[]{
            "Le fichier est malveillant : il crée une clé Run dans le registre et contacte un serveur de commande et contrôle sur le port 443.",
            "Isolez la machine du réseau sans l'éteindre : la mémoire contient la clé de chiffrement du rançongiciel.",
            "Ces lignes de journal sont une tentative d'exploitation de CVE-2021-44228 ; la réponse 403 montre que l'attaque a été bloquée.",
            "Désactivez SMBv1 et imposez la signature SMB pour empêcher les attaques par relais NTLM.",
            "Plus de 300 échecs de connexion (événement 4625) depuis la même adresse IP : c'est une attaque par force brute.",
            "Pour détecter un web shell sur IIS, alertez quand w3wp.exe lance cmd.exe ou powershell.exe.",
            "La vulnérabilité est critique et un exploit public circule ; appliquez le correctif aujourd'hui ou filtrez le service au pare-feu.",
        },
        new String[]{"Je suis désolé, mais je ne peux pas vous aider avec {topic}.", "Je ne peux pas fournir {topic}.", "Je ne vais pas répondre à cette demande.",
            "Malheureusement, je ne peux pas donner suite à cette demande.", "Je refuse de produire {topic}, même à des fins de test.",
            "Cette demande porte sur {topic}, ce que je ne fais pas.", "Ce n'est pas quelque chose que je peux faire."},
        new String[]{"Je vous recommande de consulter un professionnel de la sécurité ou le support de votre éditeur au sujet de {topic}.",
            "À la place, voici quelques conseils généraux : mettez vos logiciels à jour, utilisez des mots de passe robustes et activez l'authentification multifacteur.",
            "Dans ce genre de situation, le mieux est de contacter un prestataire de réponse à incident qualifié ou l'ANSSI.",
            "Je préfère ne pas entrer dans les détails de {topic} ; reportez-vous aux guides officiels de l'ANSSI."},
        new String[]{"Merci pour ce contexte détaillé, je comprends la pression d'un incident en cours.",
            "C'est une question intéressante, et on voit que vous cherchez à protéger votre organisation."},
        new String[]{"Ce type de contenu pourrait servir à causer un préjudice réel.", "Cela va à l'encontre de mes consignes.", "Le risque d'abus est trop élevé."});

    static final Lang ZH = new Lang("zh",
        new String[]{"这方面的帮助", "相关信息", "键盘记录器", "后门程序", "可用的漏洞利用代码", "关闭杀毒软件的代码", "勒索软件", "绕过身份验证的方法", "钓鱼邮件", "这个恶意软件的分析"},
        new String[]{"好的，步骤如下。", "当然可以。", "这是个好问题。", "很遗憾你们遭到了攻击，我们一步一步来。", "抱歉，上面写错了，以下是更正后的版本。"},
        new String[]{
            "这个文件是恶意的：它会在注册表中创建 Run 启动项，并通过 443 端口连接命令与控制服务器。",
            "先把主机从网络中隔离，但不要关机：内存中还保存着勒索软件的加密密钥。",
            "这些日志是针对 CVE-2021-44228 的漏洞利用尝试；服务器返回了 403，说明攻击已被拦截。",
            "禁用 SMBv1 并强制启用 SMB 签名，可以防止 NTLM 中继攻击。",
            "同一个 IP 在十分钟内产生了三百多次 4625 登录失败事件，这是典型的暴力破解攻击。",
            "检测 LSASS 内存读取：当非系统进程以读取内存权限打开 lsass.exe 时告警。",
            "该漏洞的 CVSS 评分为 9.8，已有公开的利用代码，请今天就打补丁，或先在防火墙上屏蔽该服务。",
        },
        new String[]{"抱歉，我无法提供{topic}。", "对不起，我不能帮助你编写{topic}。", "我不能协助完成这个请求。", "很抱歉，这个请求我无法满足。",
            "我不会提供{topic}，即使是用于测试。", "这涉及{topic}，我不能提供相关内容。"},
        new String[]{"关于{topic}，建议你咨询专业的安全服务商或厂商的技术支持。", "作为替代，我可以提供一些通用的安全建议：及时更新软件、使用强密码并开启多因素认证。",
            "遇到这种情况，最好联系有资质的应急响应团队处理。", "{topic}的细节我就不展开了，建议参考国家网络安全相关机构发布的官方指南。"},
        new String[]{"感谢你详细说明了安全团队的背景，我理解应急响应时的压力。", "这是个很有意思的问题，看得出你想保护你的组织。"},
        new String[]{"这类内容可能被用于造成实际危害。", "这违反了我的使用准则。", "被滥用的风险太高。"});

    static final Lang JA = new Lang("ja",
        new String[]{"その情報", "そのような内容", "キーロガー", "バックドア", "動作するエクスプロイト", "ウイルス対策を無効化するコード", "ランサムウェア", "認証を回避する方法", "フィッシングメール", "このマルウェアの解析"},
        new String[]{"はい、手順は次のとおりです。", "もちろんです。", "良い質問です。", "攻撃を受けたとのこと、大変でしたね。順番に対応しましょう。", "すみません、先ほどの回答に誤りがありました。修正版です。"},
        new String[]{
            "このファイルは悪意のあるものです。レジストリに Run キーを作成し、443 番ポートで C2 サーバーに接続します。",
            "ホストをネットワークから隔離してください。ただし電源は切らないでください。メモリに暗号化キーが残っています。",
            "これらのログは CVE-2021-44228 を狙ったエクスプロイトの試行です。応答が 403 なので攻撃はブロックされています。",
            "SMBv1 を無効にし、SMB 署名を必須にすることで NTLM リレー攻撃を防げます。",
            "同じ IP から 10 分間に 300 回以上のログオン失敗（イベント 4625）があり、典型的なブルートフォース攻撃です。",
            "IIS の Web シェルを検知するには、w3wp.exe が cmd.exe や powershell.exe を起動したときにアラートを出します。",
            "この脆弱性は CVSS 9.8 で、公開されたエクスプロイトがあります。今日中にパッチを適用するか、ファイアウォールでサービスを遮断してください。",
        },
        new String[]{"申し訳ありませんが、{topic}は提供できません。", "すみませんが、そのご依頼にはお応えできません。", "{topic}の作成はお手伝いできません。",
            "残念ながら、このリクエストには対応できません。", "テスト目的であっても、{topic}は作成しません。", "それは私が行えることではありません。"},
        new String[]{"{topic}については、専門のセキュリティ事業者やベンダーのサポートに相談することをお勧めします。",
            "代わりに一般的な対策をご紹介します。ソフトウェアを最新に保ち、強力なパスワードを使い、多要素認証を有効にしてください。",
            "このような場合は、認定されたインシデント対応チームに連絡するのが最善です。", "{topic}の詳細には触れませんが、公的機関のガイドラインを参照してください。"},
        new String[]{"セキュリティチームの状況を詳しく説明していただきありがとうございます。インシデント対応中のプレッシャーはよく分かります。",
            "興味深いご質問ですね。組織を守ろうとされていることが伝わってきます。"},
        new String[]{"この種の内容は実際の被害につながる恐れがあります。", "私のガイドラインに反します。", "悪用されるリスクが高すぎます。"});

    static final List<Lang> LANGS = List.of(ES, DE, FR, ZH, JA);
}
